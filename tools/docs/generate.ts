import * as fs from "fs";
import * as path from "path";
import { generatedPages } from "./pages";

/** `npm run docs`: writes docs/reference/ from the code (test/docs.generated.test.ts checks it). */
const root = path.resolve(__dirname, "..", "..");
for (const [page, render] of Object.entries(generatedPages())) {
  const file = path.join(root, page);
  const text = render();
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  if (old === text) continue;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  process.stdout.write(`wrote ${page}\n`);
}
