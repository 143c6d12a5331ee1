// The scaling variant: `node dist/scale.js [N] [OUTDIR]` writes
// OUTDIR/stacks/synthetic/cdk.tf.json with 12 + 15 N resources. N defaults to
// $STACKGEN_CDKTF_UNITS, else 671 (10,077 resources: the nearest to 10,073
// that 12 + 15 N reaches). OUTDIR defaults to $CDKTF_OUTDIR, else cdktf.out.
import { App } from "cdktf";

import { SyntheticStack } from "./synthetic";

const units = Number(process.argv[2] ?? process.env.STACKGEN_CDKTF_UNITS ?? 671);
if (!Number.isInteger(units) || units < 0) {
  console.error(`scale.js: N must be a non-negative integer, got ${process.argv[2] ?? process.env.STACKGEN_CDKTF_UNITS}`);
  process.exit(2);
}
const outdir = process.argv[3] ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
const t0 = process.hrtime.bigint();
const app = new App({ outdir });
new SyntheticStack(app, "synthetic", units);
const t1 = process.hrtime.bigint();
app.synth();
if (process.env.STACKGEN_CDKTF_PHASES) {
  // Where the time goes: building the construct tree, then synth (resolve
  // tokens, validate, write JSON). Process start and module loading are neither.
  const t2 = process.hrtime.bigint();
  const ms = (a: bigint, b: bigint) => (Number(b - a) / 1e6).toFixed(1);
  const rssMb = (process.resourceUsage().maxRSS / 1024).toFixed(1);
  console.error(
    `phases: construct ${ms(t0, t1)} ms, synth ${ms(t1, t2)} ms, since process start ${(process.uptime() * 1000).toFixed(1)} ms, peak RSS ${rssMb} MB`,
  );
}
