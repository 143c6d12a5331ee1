// The seed stack: `node dist/main.js [OUTDIR]` writes
// OUTDIR/stacks/keencho/cdk.tf.json (OUTDIR defaults to $CDKTF_OUTDIR, else
// cdktf.out). No cdktf CLI: the app is synthesized in this process.
import { App } from "cdktf";

import { KeenchoStack } from "./keencho/keencho";

const outdir = process.argv[2] ?? process.env.CDKTF_OUTDIR ?? "cdktf.out";
const t0 = process.hrtime.bigint();
const app = new App({ outdir });
new KeenchoStack(app, "keencho");
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
