import { program } from "./stacks/program";

export = program();
