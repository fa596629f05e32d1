// The floor: a bare Node process that loads the same node_modules files a prod plan loads, nothing else.
const files = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
for (const file of files) require(file);
