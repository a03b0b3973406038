export function WaitingForSample() {
  return <p className="muted">Waiting for the first reading…</p>;
}
