// node tools/cdktf-seed-without-tls.cjs SRC DST
// CDKTF's synth of the seed stack, made plannable with the provider mirror
// here (which has no hashicorp/tls): tls_private_key.pk, its provider and the
// private_key output dropped, the key pair given a literal public key, and
// CDKTF's local backend block (state beside its working directory) dropped.
// Used by tools/bench-cdktf.sh --validate and tools/fetch-convert-corpus.sh --cdktf.
const fs = require("fs");
const [src, dst] = process.argv.slice(2);
const d = JSON.parse(fs.readFileSync(src, "utf8"));
delete d.terraform.backend;
delete d.resource.tls_private_key;
delete d.provider.tls;
delete d.terraform.required_providers.tls;
delete d.output.private_key;
if (Object.keys(d.output).length === 0) delete d.output;
d.resource.aws_key_pair["app-test-key-pair"].public_key =
  "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7stackgentestkeyonly bench-cdktf";
fs.writeFileSync(dst, JSON.stringify(d, null, 2));
