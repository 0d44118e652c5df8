// Generates comparison fixtures for the sirius_footprint engine.
// Dev tool only: the npm packages below are never runtime dependencies of the block.
//   ADEME model: @incubateur-ademe/publicodes-acv-numerique 2.1.0 (MIT), evaluated with publicodes.
//   CO2.js:      @tgwf/co2 0.19.0 (Apache-2.0), Sustainable Web Design model v4.
// Usage: npm ci && npm run generate  (writes ../../tests/fixtures/footprint/*.json)
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Engine from "publicodes";
import { co2 } from "@tgwf/co2";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const outDir = join(here, "..", "..", "tests", "fixtures", "footprint");
mkdirSync(outDir, { recursive: true });

// ---------- ADEME per-usage model ----------
const modelPath = require.resolve(
  "@incubateur-ademe/publicodes-acv-numerique/publicodes-acv-numerique.model.json");
const rules = JSON.parse(readFileSync(modelPath, "utf8"));
const engine = new Engine(rules, { logger: { log() {}, warn() {}, error() {} } });
const q = (s) => `'${s}'`;
const value = (rule) => engine.evaluate(rule).nodeValue;

const COMPONENTS = {
  device_construction: "terminaux . construction",
  device_use: "terminaux . usage",
  transmission: "transmission",
  datacentre_construction: "data center . construction",
  datacentre_use: "data center . usage",
};
function components(usage, hasDevice = true) {
  const out = {};
  for (const [name, rule] of Object.entries(COMPONENTS)) {
    if (!hasDevice && name.startsWith("device")) continue;
    out[name] = value(`${usage} . ${rule}`);
  }
  out.total = value(usage);
  return out;
}

const DEVICES = ["moyenne", "smartphone", "tablette", "ordinateur portable", "ordinateur et écran", "TV"];
const NETWORKS = ["fixe FR", "mobile FR", "fixe EU", "mobile EU"];
const cases = [];

for (const device of DEVICES) for (const network of NETWORKS) for (const quality of ["SD", "HD", "ultra HD"]) {
  for (const minutes of [60, 150]) {
    const situation = { "streaming . durée": minutes, "streaming . qualité": q(quality),
      "streaming . transmission . réseau": q(network) };
    if (device !== "moyenne") situation["streaming . appareil"] = q(device);
    engine.setSituation(situation);
    cases.push({ usage: "streaming", inputs: { minutes, quality, device, network },
      grams: components("streaming") });
  }
}
for (const device of DEVICES) for (const network of NETWORKS) for (const quality of ["audio", "SD", "HD"]) {
  for (const seats of [1, 2, 5]) {
    const situation = { "visio . durée": 45, "visio . qualité": q(quality), "visio . emplacements": seats,
      "visio . transmission . réseau": q(network) };
    if (device !== "moyenne") situation["visio . appareil"] = q(device);
    engine.setSituation(situation);
    cases.push({ usage: "video_call", inputs: { minutes: 45, quality, device, network, seats },
      grams: components("visio") });
  }
}
for (const device of DEVICES.filter((d) => d !== "TV")) for (const network of NETWORKS) {
  for (const size_mb of [0.075, 1, 5]) for (const recipients of [1, 3]) {
    const situation = { "email . taille": size_mb, "email . destinataires": recipients,
      "email . transmission . émetteur . réseau": q(network),
      "email . transmission . récepteur . réseau": q(network) };
    if (device !== "moyenne") situation["email . appareil"] = q(device);
    engine.setSituation(situation);
    cases.push({ usage: "email", inputs: { size_mb, recipients, device, network },
      grams: components("email") });
  }
  const situation = { "recherche web . transmission . réseau": q(network) };
  if (device !== "moyenne") situation["recherche web . appareil"] = q(device);
  engine.setSituation(situation);
  cases.push({ usage: "web_search", inputs: { device, network }, grams: components("recherche web") });
}
for (const network of NETWORKS) for (const size_gb of [1, 10]) {
  engine.setSituation({ "fichier . taille": size_gb, "fichier . transmission . réseau": q(network) });
  const grams = components("fichier", false);
  cases.push({ usage: "file_transfer", inputs: { size_gb, network }, grams });
}

const deviceRules = { smartphone: "smartphone", tablet: "tablette", laptop: "ordinateur portable",
  desktop: "ordinateur fixe", desktop_pro: "ordinateur fixe pro", monitor: "écran", tv: "TV",
  internet_box: "box", console: "console de salon", printer: "imprimante", speaker: "enceinte",
  external_drive: "disque dur externe" };
engine.setSituation({});
const devices = {};
for (const [key, rule] of Object.entries(deviceRules)) {
  devices[key] = {
    build_g: value(`acv . ${rule} . carbone . fabrication`) + value(`acv . ${rule} . carbone . distribution`)
      + value(`acv . ${rule} . carbone . fin de vie`),
    lifetime_years: value(`acv . ${rule} . durée de vie théorique`),
    annual_kwh: value(`acv . ${rule} . consommation annuelle`),
    theoretical_use_g: value(`acv . ${rule} . carbone . usage théorique`),
  };
}
writeFileSync(join(outDir, "ademe_acv_numerique_2.1.0.json"), JSON.stringify({
  generator: "scripts/footprint_fixtures/generate.mjs",
  model: "@incubateur-ademe/publicodes-acv-numerique@2.1.0 (France: default regions)",
  unit: "g CO2e", usages: cases, devices }, null, 1) + "\n");

// ---------- CO2.js, Sustainable Web Design v4 ----------
const swd = new co2({ model: "swd", version: 4, results: "segment", rating: true });
const web = [];
const grids = [undefined, { country: "BEL" }, { country: "FRA" }, 300,
  { dataCenter: { country: "DEU" }, network: { country: "BEL" }, device: { country: "BEL" } }];
for (const bytes of [0, 250000, 1000000, 2500000, 8000000, 1e9]) for (const grid of grids) {
  for (const hosting of [{ green: false }, { green: true }, { green: false, greenHostingFactor: 0.5 }]) {
    for (const visits of [null, { firstVisitPercentage: 1, returnVisitPercentage: 0, dataReloadRatio: 0 },
      { firstVisitPercentage: 0.75, returnVisitPercentage: 0.25, dataReloadRatio: 0.02 }]) {
      const options = {};
      if (grid !== undefined) {
        options.gridIntensity = typeof grid === "object" && !("country" in grid) ? grid
          : { device: grid, network: grid, dataCenter: grid };
      }
      if (hosting.greenHostingFactor !== undefined) options.greenHostingFactor = hosting.greenHostingFactor;
      let result;
      if (visits === null) {
        result = swd.perByteTrace(bytes, hosting.green, options);
      } else {
        result = swd.perVisitTrace(bytes, hosting.green, { ...options, ...visits });
      }
      const resolved = {};
      for (const seg of ["device", "network", "dataCenter"]) {
        resolved[seg] = result.variables.gridIntensity[seg].value;
      }
      web.push({ method: visits === null ? "perByteTrace" : "perVisitTrace", bytes, green: hosting.green,
        options: { ...options, ...(visits || {}) }, grid_intensity_used: resolved,
        co2: typeof result.co2 === "number" ? { total: result.co2 } : result.co2 });
    }
  }
}
writeFileSync(join(outDir, "co2js_0.19.0_swd_v4.json"), JSON.stringify({
  generator: "scripts/footprint_fixtures/generate.mjs",
  model: "@tgwf/co2@0.19.0 Sustainable Web Design v4, results: segment, rating: true",
  unit: "g CO2e", cases: web }, null, 1) + "\n");
console.log(`ADEME usage cases: ${cases.length}; CO2.js cases: ${web.length}`);
