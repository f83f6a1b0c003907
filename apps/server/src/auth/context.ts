import type { Role } from '@gongzhi/contracts';

export interface Grant {
  role: Role;
  jurisdictionId: number | null;
  estateId: number | null;
  /** the jurisdiction's path ('/1/4/9/') for jurisdiction grants */
  path: string | null;
}

export interface SessionAccount {
  id: number;
  kind: 'owner' | 'staff';
  displayName: string;
  phone: string | null;
  username: string | null;
}

/** Who is asking: set on every request by the session hook (account null when signed out). */
export interface AuthContext {
  account: SessionAccount | null;
  grants: Grant[];
  csrfToken: string | null;
  sessionHash: string | null;
  ip: string;
  requestId: string;
}

export interface SignedIn extends AuthContext {
  account: SessionAccount;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext;
  }
}
