import { defineStore } from 'pinia';
import { ref } from 'vue';
import { i18n } from '../i18n';
import { errorMessage } from '../helpers/errorMessage';
import { isApiError } from '../helpers/apiError';

export type ToastKind = 'error' | 'success' | 'info';
export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  detail?: string;
}

/** The global toast list (rendered by AppToaster); used for API errors everywhere. */
export const useNotifyStore = defineStore('notify', () => {
  const toasts = ref<Toast[]>([]);
  let next = 1;

  function dismiss(id: number) {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  function push(kind: ToastKind, text: string, opts: { detail?: string; timeoutMs?: number } = {}): number {
    const id = next++;
    // the same message twice in a row (e.g. a retried poll) shows once
    toasts.value = [...toasts.value.filter((t) => t.text !== text), { id, kind, text, detail: opts.detail }].slice(-4);
    const timeout = opts.timeoutMs ?? (kind === 'error' ? 8000 : 4000);
    if (timeout > 0) setTimeout(() => dismiss(id), timeout);
    return id;
  }

  /** Shows an API error (or any error) in the current language. */
  function error(e: unknown): number {
    const g = i18n.global;
    const text = errorMessage(e, g.locale.value, (k) => g.t(k), (k) => g.te(k));
    const detail = isApiError(e) && e.requestId ? `request ${e.requestId}` : undefined;
    return push('error', text, { detail });
  }

  return { toasts, push, error, dismiss, success: (text: string) => push('success', text), info: (text: string) => push('info', text) };
});
