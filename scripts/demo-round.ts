import { outcomeTables, RoundClient, timingTable } from './round-client';

/**
 * The demo's round, against the running app (API + worker): sign in, create the demo
 * coordinator, run a stable round for the generated graduates through the real queue,
 * publish it and print the summary. Run by scripts/demo.sh with the app's environment.
 */
async function main(): Promise<void> {
  const env = process.env;
  const client = new RoundClient(`http://127.0.0.1:${env.PORT ?? '3000'}`);
  const year = Number(env.DEMO_GRADUATION_YEAR ?? '2026');
  await client.waitHealthy(120_000);
  await client.signInAsCoordinator(
    { email: env.ADMIN_EMAIL ?? '', password: env.ADMIN_PASSWORD ?? '' },
    {
      email: env.DEMO_COORDINATOR_EMAIL ?? 'coordinator@smklink.local',
      password: env.DEMO_COORDINATOR_PASSWORD ?? 'coordinator-demo-password',
    },
  );
  const regions = await client.regionNames();
  // A second `npm run demo` on the same data runs a follow-up round: say so, its figures differ.
  const earlier = await client.call<{ items: { id: number; publishedAt: string | null }[] }>(
    'GET',
    '/api/v1/matching-runs?pageSize=100',
  );
  const published = earlier.items.filter((r) => r.publishedAt !== null).map((r) => r.id);
  if (published.length > 0) {
    console.log(
      `== round(s) ${published.join(', ')} already published on this data: this is a follow-up round for the graduates still without a placement (offers from earlier rounds hold their seats)`,
    );
  }

  const started = Date.now();
  const id = await client.startRound({
    scope: { graduationYear: year, onlyUnplaced: true },
    mode: 'stable',
    options: { regionPolicy: 'prefer_same', seed: 7 },
    offerDays: 14,
  });
  console.log(
    `== round ${id}: stable, graduates of ${year} without a placement, through the queue`,
  );
  const run = await client.follow(id, 10 * 60_000, (r) =>
    console.log(
      `   ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s  ${r.status.padEnd(9)} ${r.stage} ${r.progress} %`,
    ),
  );
  const wall = Date.now() - started;
  if (run.status !== 'completed') {
    throw new Error(`round ${id} ended ${run.status}: ${run.error ?? 'no reason given'}`);
  }
  const publishStarted = Date.now();
  const offers = await client.publish(id);
  const publishMs = Date.now() - publishStarted;

  console.log('');
  console.log(outcomeTables(run, regions));
  console.log('');
  console.log(`Time per stage (round ${id})`);
  console.log(
    timingTable(run, [
      ['round, as the client saw it', wall],
      ['publish', publishMs],
    ]),
  );
  console.log('');
  console.log(
    `Published: ${offers.offered} offers sent, ${offers.skipped} skipped (placed meanwhile).`,
  );
}

main().catch((error: unknown) => {
  console.error(`demo round failed: ${(error as Error).message}`);
  process.exit(1);
});
