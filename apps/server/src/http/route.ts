import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldIssue } from '@gongzhi/contracts';
import { AppError } from '../errors';
import type { AuthContext } from '../auth/context';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  /** false: no session needed (sign-in, health, public lists) */
  auth?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  reply?: R;
  status?: number;
  /** per-route rate limit (requests per window) */
  rateLimit?: { max: number; timeWindow: string };
  handler(ctx: {
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    auth: AuthContext;
    req: FastifyRequest;
    reply: FastifyReply;
  }): Promise<R extends z.ZodType ? z.infer<R> : unknown>;
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  try {
    const s = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;
    delete s.$schema;
    return s;
  } catch {
    return {};
  }
}

/** zod issues as field issues with zh-CN and en messages. */
export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((i) => {
    const field = [prefix, ...i.path.map(String)].filter(Boolean).join('.');
    return {
      field,
      code: i.code.toUpperCase(),
      messageZh: `字段 ${field || '(请求)'} 无效：${i.message}`,
      messageEn: `${field || 'request'}: ${i.message}`,
    };
  });
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const r = schema.safeParse(value ?? (where === 'body' ? {} : value));
  if (!r.success) {
    const issues = zodIssues(r.error, where === 'body' ? '' : '');
    throw new AppError('VALIDATION_FAILED', { issues, ...(issues[0] ? { field: issues[0].field } : {}) });
  }
  return r.data;
}

/**
 * Registers one route: zod validation of params, query and body (every problem listed), the
 * session requirement, the JSON schemas that feed the OpenAPI document, and the reply.
 * Authorization is the handler's first line (`requireAccess`), never skipped.
 */
export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B, R>,
): void {
  const schema: Record<string, unknown> = { summary: spec.summary, tags: spec.tags };
  if (spec.params) schema.params = toJsonSchema(spec.params, 'input');
  if (spec.query) schema.querystring = toJsonSchema(spec.query, 'input');
  if (spec.body) schema.body = toJsonSchema(spec.body, 'input');
  if (spec.reply) schema.response = { [spec.status ?? 200]: toJsonSchema(spec.reply, 'output') };
  app.route({
    method: spec.method,
    url: spec.url,
    schema,
    ...(spec.rateLimit ? { config: { rateLimit: spec.rateLimit } } : {}),
    handler: async (req, reply) => {
      const auth = req.auth;
      if (spec.auth !== false && !auth.account) throw new AppError('UNAUTHENTICATED');
      const params = parse(spec.params, req.params, 'params');
      const query = parse(spec.query, req.query, 'query');
      const body = parse(spec.body, req.body, 'body');
      const result = await spec.handler({ params, query, body, auth, req, reply });
      if (reply.sent) return reply;
      reply.status(spec.status ?? 200);
      return result;
    },
  });
}
