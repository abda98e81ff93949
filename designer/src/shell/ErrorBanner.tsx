/** A failed call said in a sentence, with a way to try again (nothing spins forever). */
export function ErrorBanner({
  message,
  onRetry,
  children,
}: {
  message: string;
  onRetry?: () => void;
  children?: React.ReactNode;
}) {
  return (
    <div className="banner banner--error" role="alert">
      <span>{message}</span>
      {children}
      {onRetry ? (
        <button type="button" className="button button--small" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
