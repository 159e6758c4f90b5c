import type { ReactNode } from 'react';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import type { Account, SessionResponse } from './types.ts';

export type SessionStatus = 'loading' | 'anonymous' | 'authenticated' | 'error';

/** Why the user is anonymous, so the login page can say so. */
export type LogoutReason = 'expired' | 'logout' | null;

export interface Session {
  status: SessionStatus;
  account: Account | null;
  reason: LogoutReason;
  error: ApiError | null;
  login: (username: string, password: string) => Promise<Account>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [account, setAccount] = useState<Account | null>(null);
  const [reason, setReason] = useState<LogoutReason>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const statusRef = useRef<SessionStatus>('loading');
  statusRef.current = status;

  const adopt = useCallback((res: SessionResponse) => {
    setCsrfToken(res.csrfToken);
    setAccount(res.account);
    setReason(null);
    setError(null);
    setStatus('authenticated');
  }, []);

  const clear = useCallback((why: LogoutReason) => {
    setCsrfToken(null);
    setAccount(null);
    setReason(why);
    setStatus('anonymous');
  }, []);

  const refresh = useCallback(async () => {
    setStatus('loading');
    try {
      adopt(await api.get<SessionResponse>('/api/v1/auth/session', { expectUnauthorized: true }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        clear(null);
      } else {
        setError(err instanceof ApiError ? err : new ApiError({ status: 0 }, true));
        setStatus('error');
      }
    }
  }, [adopt, clear]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (statusRef.current === 'authenticated') clear('expired');
    });
    return () => setUnauthorizedHandler(null);
  }, [clear]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await api.post<SessionResponse>('/api/v1/auth/login', { username, password }, { expectUnauthorized: true, noCsrf: true });
      adopt(res);
      return res.account;
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/v1/auth/logout', undefined, { expectUnauthorized: true });
    } catch {
      // The session is gone for this tab either way; the server cookie expires on its own.
    }
    clear('logout');
  }, [clear]);

  const value = useMemo<Session>(() => ({ status, account, reason, error, login, logout, refresh }), [status, account, reason, error, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession must be used inside <SessionProvider>');
  return ctx;
}

/** The signed-in account; only for components rendered behind <RequireAuth>. */
export function useAccount(): Account {
  const { account } = useSession();
  if (!account) throw new Error('useAccount used without an authenticated session');
  return account;
}
