import { createHmac } from 'node:crypto';
import { AppError } from '../errors';

/** Delivers a one-time sign-in code to a phone. */
export interface OtpChannel {
  readonly name: 'screen' | 'webhook';
  /** returns the code to show on screen (demo only) */
  deliver(phone: string, code: string, expiresInSeconds: number): Promise<{ shownCode?: string }>;
  /** a notice to a phone (vote reminders): true when the channel took it */
  message(phone: string, title: string, body: string): Promise<boolean>;
}

/**
 * Demo mode only: the code is shown on screen (returned to the browser) and written to the
 * server log. Never used without demo mode.
 */
export class ScreenChannel implements OtpChannel {
  readonly name = 'screen' as const;
  constructor(private readonly log: (msg: string) => void) {}
  async deliver(phone: string, code: string): Promise<{ shownCode: string }> {
    this.log(`[demo] sign-in code for ${phone.slice(0, 3)}****${phone.slice(-4)}: ${code}`);
    return { shownCode: code };
  }
  async message(phone: string, title: string): Promise<boolean> {
    this.log(`[demo] message to ${phone.slice(0, 3)}****${phone.slice(-4)}: ${title}`);
    return true;
  }
}

/**
 * POSTs `{ phone, code, purpose, expiresInSeconds }` as JSON to a configured URL: the adapter
 * of a real SMS gateway. With a secret, the body is signed: `x-gongzhi-signature: sha256=<hex>`.
 * Anything but a 2xx answer within 5 s is a delivery failure.
 */
export class WebhookChannel implements OtpChannel {
  readonly name = 'webhook' as const;
  constructor(
    private readonly url: string,
    private readonly secret: string | undefined,
    private readonly timeoutMs = 5000,
  ) {}
  async deliver(phone: string, code: string, expiresInSeconds: number): Promise<Record<string, never>> {
    const body = JSON.stringify({ phone, code, purpose: 'sign_in', expiresInSeconds });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.secret) headers['x-gongzhi-signature'] = `sha256=${createHmac('sha256', this.secret).update(body).digest('hex')}`;
    let res: Response;
    try {
      res = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch {
      throw new AppError('OTP_DELIVERY_FAILED');
    }
    if (!res.ok) throw new AppError('OTP_DELIVERY_FAILED');
    return {};
  }

  /** POSTs `{ phone, purpose: "notice", title, body }`, signed like the codes. */
  async message(phone: string, title: string, text: string): Promise<boolean> {
    const body = JSON.stringify({ phone, purpose: 'notice', title, body: text });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.secret) headers['x-gongzhi-signature'] = `sha256=${createHmac('sha256', this.secret).update(body).digest('hex')}`;
    try {
      const res = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
      return res.ok;
    } catch {
      return false;
    }
  }
}
