// The floor: a bare Node process that loads the same node_modules files a prod plan loads, nothing
// else: the SDK's requires of typescript and @npmcli/arborist get the plan's stand-ins here too.
require("../plan/lazy/install");
const files = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
for (const file of files) require(file);
