import { useState } from 'react';

/** Asks for the admin token (WAYMARK_ADMIN_TOKEN) when the engine does not run in dev mode. */
export function LoginForm({ onLogin, reason }: { onLogin: (token: string) => void; reason?: string }) {
  const [token, setToken] = useState('');
  return (
    <form
      className="login"
      onSubmit={(event) => {
        event.preventDefault();
        if (token.trim()) onLogin(token.trim());
      }}
    >
      <h1>Sign in to Waymark</h1>
      <p>
        Paste the admin token the engine printed at start-up (<code>WAYMARK_ADMIN_TOKEN</code>).
      </p>
      {reason ? (
        <p className="field__error" role="alert">
          {reason}
        </p>
      ) : null}
      <label className="field__label" htmlFor="admin-token">
        Admin token
      </label>
      <input
        id="admin-token"
        className="input"
        type="password"
        autoComplete="current-password"
        value={token}
        onChange={(event) => setToken(event.target.value)}
      />
      <button type="submit" className="button button--primary">
        Sign in
      </button>
    </form>
  );
}
