/**
 * A fixed piece of JavaScript work, timed. The bench runs it before each scenario, with
 * nothing else of its own running, so a report shows how fast this machine's CPU was at the
 * time: on a shared virtual machine the same work takes visibly longer when the host is busy,
 * and a p99 from such a moment says more about the host than about the server.
 */
export function probeCpuMs(repeats = 7): number {
  const times: number[] = [];
  let sink = 0;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    sink += work();
    times.push(performance.now() - start);
  }
  // The value is used, so the engine cannot drop the work as dead code.
  if (sink === -1) console.log(sink);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Allocation, string building, JSON and a sort: the kinds of work the server does. */
function work(): number {
  let seed = 1;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const items = Array.from({ length: 20_000 }, (_, i) => ({
    id: `card-${i}`,
    created: Math.floor(random() * 1e9),
    text: 'x'.repeat(1 + (i % 40)),
  }));
  const copy = JSON.parse(JSON.stringify(items)) as typeof items;
  copy.sort((a, b) => a.created - b.created);
  return copy[0]!.created + copy.length;
}
