// docxtemplater's side of the batch bench (benches/batch.rs): renders one document per line of a JSON Lines file
// with the same template and writes each to OUT_DIR/N.docx, as `andu doc render --data-jsonl` does.
// Prints {"docs", "wall_s", "cpu_s"} (Node start-up and module loading excluded).
//
// node docxtemplater.mjs TEMPLATE.docx DATA.jsonl OUT_DIR   (DOCXTEMPLATER_DIR: where node_modules is)
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(path.join(process.env.DOCXTEMPLATER_DIR ?? process.cwd(), "index.js"));
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");

const [template, jsonl, outDir] = process.argv.slice(2);
const content = fs.readFileSync(template, "binary");
const lines = fs.readFileSync(jsonl, "utf8").split("\n").filter((l) => l.trim() !== "");
fs.mkdirSync(outDir, { recursive: true });

const t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
lines.forEach((line, i) => {
  const doc = new Docxtemplater(new PizZip(content), {
    paragraphLoop: true,
    linebreaks: true,
    delimiters: { start: "{{", end: "}}" },
    nullGetter: () => "",
  });
  doc.render(JSON.parse(line));
  const bytes = doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
  fs.writeFileSync(path.join(outDir, `${i + 1}.docx`), bytes);
});
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ docs: lines.length, wall_s: wall, cpu_s: (cpu.user + cpu.system) / 1e6 }));
