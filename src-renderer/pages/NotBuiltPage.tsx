export function NotBuiltPage({ title, plan }: { title: string; plan: string }) {
  return (
    <div className="page">
      <h1>{title}</h1>
      <p className="not-built">
        {title} is not built yet. {plan}
      </p>
    </div>
  );
}
