import { opsPage } from "./opsReference";
import { stackFilePage } from "./stackFileReference";

/** The generated pages, by path from the repository root, each made fresh from the code. */
export const generatedPages = (): Record<string, () => string> => ({
  "docs/reference/stack-file.md": stackFilePage,
  "docs/reference/ops.md": opsPage,
});
