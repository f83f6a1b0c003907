import { http } from './http';
import type { DemoAccountsT, MeT, OtpRequestReplyT } from './types';

const open = { allowUnauthenticated: true } as const;

export const authApi = {
  me: () => http.get<MeT>('/api/auth/me', open),
  requestOtp: (phone: string) => http.post<OtpRequestReplyT>('/api/auth/otp/request', { phone }, open),
  verifyOtp: (phone: string, code: string) => http.post<MeT>('/api/auth/otp/verify', { phone, code }, open),
  login: (username: string, password: string) => http.post<MeT>('/api/auth/login', { username, password }, open),
  logout: () => http.post<unknown>('/api/auth/logout', undefined, open),
  demoAccounts: () => http.get<DemoAccountsT>('/api/auth/demo/accounts', open),
  demoLogin: (username: string) => http.post<MeT>('/api/auth/demo/login', { username }, open),
};
