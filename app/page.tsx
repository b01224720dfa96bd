export default function Home() {
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-semibold">Logwell</h1>
      <p className="mt-2 text-zinc-600">Client logs and crashes for small teams.</p>
    </main>
  );
}
