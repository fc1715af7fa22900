// Builds the front-end assets into static/dist (git-ignored): the site's CSS,
// compiled from GOV.UK Frontend's Sass with the site's own brand, and GOV.UK
// Frontend's JavaScript.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist");
const dist = join(root, "static", "dist");

mkdirSync(dist, { recursive: true });
const result = sass.compile(join(root, "static", "src", "site.scss"), {
  loadPaths: [govuk],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "color-functions", "slash-div"],
});
writeFileSync(join(dist, "site.css"), result.css);
cpSync(join(govuk, "govuk", "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
console.log("Built static/dist/site.css and static/dist/govuk-frontend.min.js");
