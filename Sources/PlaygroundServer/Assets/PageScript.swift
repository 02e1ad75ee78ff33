/// The page's script: builds requests from the controls, keeps one WebSocket, and draws each
/// snapshot on canvases (no libraries).
extension PageAssets {
    static let script = ##"""
"use strict";
const $ = (id) => document.getElementById(id);
let socket = null, view = null, history = [], lastSnapshot = null, snapshotCount = 0;

// ---- controls --------------------------------------------------------------------------
function addLayer(units, activation, params) {
  const row = document.createElement("div");
  row.className = "layer";
  row.innerHTML = '<input class="units" type="number" min="1" max="64"> <input class="act" list="catalogue" spellcheck="false"> <input class="params" placeholder="alpha=0.1" spellcheck="false">';
  row.querySelector(".units").value = units;
  row.querySelector(".act").value = activation;
  row.querySelector(".params").value = params || "";
  row.querySelector(".act").addEventListener("change", (e) => showActivation(e.target.value, row.querySelector(".params").value));
  $("layers").appendChild(row);
}
function parseParams(text) {
  const out = {};
  for (const part of (text || "").split(",")) {
    const p = part.trim();
    if (!p) continue;
    const [k, v] = p.split("=").map((s) => (s || "").trim());
    const n = v === "true" ? 1 : v === "false" ? 0 : Number(v);
    if (!k || v === undefined || v === "" || !isFinite(n)) throw new Error("parameter '" + p + "' should be name=number, e.g. alpha=0.1");
    out[k] = n;
  }
  return out;
}
function intField(id) {
  const text = $(id).value.trim();
  if (text === "") return undefined;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error($(id).closest("label").firstChild.textContent.trim() + ": expected a whole number, got '" + text + "'");
  return n;
}
function config() {
  const hidden = [...document.querySelectorAll("#layers .layer")].map((row, i) => {
    const units = Number(row.querySelector(".units").value);
    if (!Number.isInteger(units)) throw new Error("layer " + (i + 1) + " units: expected a whole number");
    return { units, activation: { name: row.querySelector(".act").value, parameters: parseParams(row.querySelector(".params").value) } };
  });
  const c = {
    task: $("task").value, expression: $("expression").value, hidden,
    optimizer: $("optimizer").value, learningRate: Number($("learning-rate").value),
    batchSize: intField("batch-size"), epochs: intField("epochs"), seed: intField("seed"),
  };
  const points = intField("points");
  if (points !== undefined) c.points = points;
  if (!isFinite(c.learningRate)) throw new Error("learning rate: expected a number");
  if (c.seed !== undefined && c.seed < 0) throw new Error("seed: expected a whole number from 0");
  return c;
}
function send(message) {
  if (!socket || socket.readyState !== WebSocket.OPEN) { showMessage("not connected to the server; reload the page"); return; }
  socket.send(JSON.stringify(message));
}
function showMessage(text, detail, info) {
  $("message").hidden = !text;
  $("message").className = info ? "info" : "";
  $("message-text").textContent = text || "";
  $("message-detail").hidden = !detail;
  $("message-detail").textContent = detail || "";
}
function guarded(f) { return () => { try { showMessage(""); f(); } catch (e) { showMessage(e.message); } }; }

$("train").onclick = guarded(() => send({ type: "train", config: config() }));
$("pause").onclick = guarded(() => send({ type: "pause" }));
$("resume").onclick = guarded(() => send({ type: "resume" }));
$("step").onclick = guarded(() => send({ type: "step" }));
$("stop").onclick = guarded(() => send({ type: "stop" }));
$("reset").onclick = guarded(() => {
  const seed = (intField("seed") || 0) + 1;
  $("seed").value = seed;
  send({ type: "reset", seed });
});
$("compare").onclick = guarded(() => {
  $("compare-result").textContent = "training…";
  send({ type: "compare", config: config(), seeds: intField("compare-seeds"),
         activations: [{ name: $("compare-a").value }, { name: $("compare-b").value }] });
});
$("add-layer").onclick = () => { if ($("layers").children.length < 4) addLayer(4, "relu"); };
$("remove-layer").onclick = () => { if ($("layers").children.length > 1) $("layers").lastChild.remove(); };
$("task").onchange = () => {
  const t = $("task").value;
  $("expression-row").hidden = t !== "expression";
  const twoD = ["circles", "xor", "spirals", "blobs", "classification"].includes(t);
  if (twoD) { $("learning-rate").value = 0.03; $("epochs").value = 300; $("batch-size").value = 32; }
  else if (t === "mnist") { $("learning-rate").value = 0.001; $("epochs").value = 20; $("batch-size").value = 32; }
  else { $("learning-rate").value = 0.04; $("epochs").value = 300; $("batch-size").value = 32; }
  $("layers").innerHTML = "";
  if (twoD) { addLayer(8, "relu"); addLayer(8, "relu"); }
  else if (t === "mnist") addLayer(32, "relu");
  else addLayer(2, "relu");
};
const panelUpdate = guarded(() => showActivation($("panel-activation").value, $("panel-params").value));
$("panel-activation").onchange = panelUpdate;
$("panel-params").onchange = panelUpdate;
function showActivation(name, params) {
  $("panel-activation").value = name;
  $("panel-params").value = params || "";
  send({ type: "activation", activation: { name, parameters: parseParams(params) } });
}

// ---- drawing ---------------------------------------------------------------------------
const colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];
function finite(v) { return typeof v === "number" && isFinite(v); }
function axes(ctx, w, h, xr, yr, pad, logY) {
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = "white"; ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = "#999"; ctx.lineWidth = 1;
  ctx.strokeRect(pad, 4, w - pad - 4, h - pad - 4);
  const map = {
    x: (v) => pad + (v - xr[0]) / (xr[1] - xr[0] || 1) * (w - pad - 4),
    y: (v) => 4 + (1 - (v - yr[0]) / (yr[1] - yr[0] || 1)) * (h - pad - 4),
  };
  if (pad < 20) return map;  // a unit's thumbnail: no room for labels
  ctx.fillStyle = "#555"; ctx.font = "11px sans-serif";
  const fmt = (v) => Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : +v.toFixed(3);
  ctx.fillText(fmt(logY ? Math.pow(10, yr[1]) : yr[1]), 2, 14);
  ctx.fillText(fmt(logY ? Math.pow(10, yr[0]) : yr[0]), 2, h - pad);
  ctx.fillText(fmt(xr[0]), pad, h - 4);
  ctx.fillText(fmt(xr[1]), w - 40, h - 4);
  return map;
}
function range(values) {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) if (finite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  return [lo, hi];
}
function line(ctx, xs, ys, map, colour, dashed) {
  ctx.strokeStyle = colour; ctx.lineWidth = 2; ctx.setLineDash(dashed ? [5, 4] : []);
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < xs.length; i++) {
    if (!finite(ys[i])) { pen = false; continue; }
    const px = map.x(xs[i]), py = map.y(ys[i]);
    if (pen) ctx.lineTo(px, py); else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke(); ctx.setLineDash([]);
}
function legend(ctx, items, x) {
  ctx.font = "11px sans-serif";
  items.forEach(([label, colour], i) => { ctx.fillStyle = colour; ctx.fillText(label, x, 16 + 13 * i); });
}
function drawLoss() {
  const c = $("loss-canvas"), ctx = c.getContext("2d");
  const xs = history.map((p) => p.epoch);
  const log = (v) => finite(v) && v > 0 ? Math.log10(v) : NaN;
  const train = history.map((p) => log(p.loss)), val = history.map((p) => log(p.valLoss));
  const map = axes(ctx, c.width, c.height, xs.length ? [1, Math.max(2, xs[xs.length - 1])] : [0, 1], range(train.concat(val)), 44, true);
  line(ctx, xs, train, map, colours[0]);
  line(ctx, xs, val, map, colours[1], true);
  legend(ctx, [["train loss (log)", colours[0]], ["validation loss", colours[1]]], c.width - 130);
  c.dataset.drawn = history.length ? "1" : "0";
}
function heat(ctx, values, side, x0, y0, size, lo, hi, diverging) {
  const cell = size / side;
  for (let r = 0; r < side; r++) for (let k = 0; k < side; k++) {
    const v = values[r * side + k];
    let t = finite(v) ? (v - lo) / (hi - lo || 1) : 0.5;
    t = Math.max(0, Math.min(1, t));
    ctx.fillStyle = diverging
      ? `rgb(${Math.round(255 - 120 * (1 - t))},${Math.round(235 - 90 * Math.abs(t - 0.5) * 2)},${Math.round(255 - 120 * t)})`
      : `rgb(${Math.round(255 * t)},${Math.round(120 + 100 * t)},${Math.round(255 - 200 * t)})`;
    ctx.fillRect(x0 + k * cell, y0 + r * cell, Math.ceil(cell), Math.ceil(cell));
  }
}
function drawFit(s) {
  const c = $("fit-canvas"), ctx = c.getContext("2d");
  ctx.clearRect(0, 0, c.width, c.height);
  if (!view) return;
  if (view.kind === "mnist") {
    ctx.fillStyle = "white"; ctx.fillRect(0, 0, c.width, c.height);
    const n = view.labels.length, cols = 8, size = 52;
    for (let i = 0; i < n; i++) {
      const img = ctx.createImageData(28, 28);
      for (let p = 0; p < 784; p++) {
        const g = 255 - Math.round(255 * view.images[i * 784 + p]);
        img.data.set([g, g, g, 255], p * 4);
      }
      const x = (i % cols) * (size + 4) + 4, y = Math.floor(i / cols) * (size + 70) + 4;
      const tmp = document.createElement("canvas"); tmp.width = 28; tmp.height = 28;
      tmp.getContext("2d").putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(tmp, x, y, size, size);
      const guess = s.prediction[i];
      ctx.fillStyle = guess === view.labels[i] ? "#2a2" : "#c22";
      ctx.font = "bold 16px sans-serif";
      ctx.fillText(String(guess), x + size / 2 - 5, y + size + 18);
    }
  } else if (view.span.length === 1) {
    const side = view.probeSide, [a, b] = view.span[0];
    const px = Array.from({ length: side }, (_, i) => a + (b - a) * i / (side - 1));
    const map = axes(ctx, c.width, c.height, [a, b], range(view.y.concat(s.prediction)), 36);
    ctx.fillStyle = "#888";
    for (let i = 0; i < view.y.length; i++) ctx.fillRect(map.x(view.x[i]) - 1.5, map.y(view.y[i]) - 1.5, 3, 3);
    line(ctx, px, s.prediction, map, colours[1]);
    legend(ctx, [["target points", "#888"], ["network", colours[1]]], c.width - 100);
  } else {
    const side = view.probeSide, size = Math.min(c.width, c.height);
    heat(ctx, s.prediction, side, 0, 0, size, 0, 1, true);
    const [[x0, x1], [y0, y1]] = view.span;
    for (let i = 0; i < view.y.length; i++) {
      const px = (view.x[2 * i] - x0) / (x1 - x0) * size, py = (1 - (view.x[2 * i + 1] - y0) / (y1 - y0)) * size;
      ctx.fillStyle = view.y[i] > 0.5 ? "#b00" : "#00a";
      ctx.strokeStyle = "white"; ctx.lineWidth = 0.8;
      ctx.beginPath(); ctx.arc(px, py, 3, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
    }
    ctx.fillStyle = "#333"; ctx.font = "12px sans-serif";
    ctx.fillText("P(class 1): blue 0 … red 1", size + 8, 16);
  }
  c.dataset.drawn = "1";
}
function drawUnits(s) {
  const box = $("units");
  if (box.dataset.layout !== String(view.units)) {
    box.innerHTML = "";
    s.units.forEach((layer, l) => {
      const div = document.createElement("div"); div.className = "layer-units";
      const title = document.createElement("div"); title.textContent = "layer " + (l + 1) + " (" + view.layers[l] + ")";
      div.appendChild(title);
      layer.forEach(() => { const cv = document.createElement("canvas"); cv.width = 72; cv.height = 48; div.appendChild(cv); });
      box.appendChild(div);
    });
    box.dataset.layout = String(view.units);
  }
  s.units.forEach((layer, l) => {
    const canvases = box.children[l].querySelectorAll("canvas");
    layer.forEach((values, u) => {
      const cv = canvases[u]; if (!cv) return;
      const ctx = cv.getContext("2d");
      cv.classList.toggle("dead", !!(s.dead[l] && s.dead[l][u]));
      cv.title = "unit " + (u + 1) + (s.dead[l] && s.dead[l][u] ? " (dead)" : "");
      if (view.span.length === 2) {
        const [lo, hi] = range(values); cv.width = 48;
        heat(ctx, values, view.unitSide, 0, 0, 48, lo, hi, false);
      } else {
        const xs = values.map((_, i) => i);
        const map = axes(ctx, cv.width, cv.height, [0, values.length - 1], range(values), 2);
        line(ctx, xs, values, map, colours[0]);
      }
    });
  });
  $("dead-count").textContent = "— dead units: " + s.deadCount;
  $("dead-count").dataset.count = s.deadCount;
}
function drawGradients(s) {
  const c = $("grad-canvas"), ctx = c.getContext("2d");
  ctx.clearRect(0, 0, c.width, c.height);
  const n = s.gradientNorms.length, max = Math.max(1e-12, ...s.gradientNorms.filter(finite));
  const w = (c.width - 20) / n;
  s.gradientNorms.forEach((g, i) => {
    const h = finite(g) ? (c.height - 36) * g / max : 0;
    ctx.fillStyle = i === n - 1 ? colours[4] : colours[0];
    ctx.fillRect(10 + i * w + 4, c.height - 20 - h, w - 8, h);
    ctx.fillStyle = "#333"; ctx.font = "11px sans-serif";
    ctx.fillText((i === n - 1 ? "output" : "layer " + (i + 1)) + ": " + (finite(g) ? g.toExponential(2) : g), 10 + i * w + 4, c.height - 6);
  });
}
function drawActivation(p) {
  const c = $("activation-canvas"), ctx = c.getContext("2d");
  const map = axes(ctx, c.width, c.height, [-5, 5], range(p.f.concat(p.derivative).map((v) => finite(v) && Math.abs(v) < 50 ? v : NaN)), 36);
  ctx.strokeStyle = "#ddd"; ctx.beginPath(); ctx.moveTo(map.x(0), 4); ctx.lineTo(map.x(0), c.height - 36); ctx.stroke();
  line(ctx, p.x, p.f, map, colours[0]);
  line(ctx, p.x, p.derivative, map, colours[1], true);
  legend(ctx, [["f(x)", colours[0]], ["f′(x)", colours[1]]], 48);
  const yes = (b) => b ? "yes" : "no";
  const params = Object.entries(p.parameters).map(([k, v]) => k + " = " + +v.toPrecision(4)).join(", ") || "none";
  const rows = [["name", p.name], ["formula", p.formula || "—"], ["parameters", params], ["range", p.range],
    ["monotonic", yes(p.monotonic)], ["zero-centred", yes(p.zeroCentred)], ["saturating", yes(p.saturating)],
    ["smooth", yes(p.smooth)], ["max |f′|", +p.maxDerivative.toPrecision(4)]];
  $("sheet").innerHTML = "";
  for (const [k, v] of rows) { const tr = $("sheet").insertRow(); tr.insertCell().textContent = k; tr.insertCell().textContent = v; }
  c.dataset.drawn = "1";
}
function showCompare(r) {
  const t = document.createElement("table");
  t.innerHTML = "<tr><th>activation</th><th>mean</th><th>sd</th><th>median</th><th>min</th><th>max</th></tr>";
  const f = (v) => finite(v) ? v.toExponential(2) : String(v);
  for (const g of r.statistics.groups) {
    const s = g.summary, tr = t.insertRow();
    for (const v of [g.name, f(s.mean), f(s.standardDeviation), f(s.median), f(s.min), f(s.max)]) tr.insertCell().textContent = v;
  }
  const box = $("compare-result");
  box.innerHTML = "<div>final validation loss over " + r.runs.length / 2 + " seeds each</div>";
  box.appendChild(t);
  for (const v of r.statistics.verdicts) { const d = document.createElement("div"); d.textContent = v.verdict; box.appendChild(d); }
}

// ---- connection ------------------------------------------------------------------------
function onMessage(m) {
  switch (m.type) {
  case "started":
    view = m.task; history = []; lastSnapshot = null;
    $("units").dataset.layout = "";
    $("fit-title").textContent = view.kind === "mnist" ? view.title + " — predictions (green right, red wrong)"
      : view.span.length === 1 ? "Fit of " + view.title : "Decision boundary: " + view.title;
    $("status").textContent = "started, seed " + view.seed;
    $("status").dataset.state = "started";
    $("loss-value").textContent = "";
    delete $("loss-value").dataset.loss;
    drawLoss();
    break;
  case "snapshot": {
    const s = m.snapshot; snapshotCount++;
    history.push(...s.epochs);
    lastSnapshot = s;
    drawLoss(); drawFit(s); drawUnits(s); drawGradients(s);
    const last = history[history.length - 1];
    if (last) {
      $("loss-value").textContent = "train " + (finite(last.loss) ? last.loss.toExponential(3) : last.loss)
        + (finite(last.valLoss) ? ", validation " + last.valLoss.toExponential(3) : "")
        + (finite(last.valAccuracy) ? ", validation accuracy " + (100 * last.valAccuracy).toFixed(1) + "%" : "");
      $("loss-value").dataset.loss = last.loss;
    }
    $("status").textContent = s.state + " — epoch " + s.epoch + " — " + s.epochsPerSecond.toFixed(0) + " epochs/s — "
      + (100 * s.snapshotShare).toFixed(1) + "% of the time on snapshots";
    $("status").dataset.state = s.state;
    if (last && !finite(last.loss)) showMessage("the loss is no longer a number: lower the learning rate", null, true);
    break;
  }
  case "activation": drawActivation(m.activation); break;
  case "progress": $("compare-result").textContent = "training… " + m.done + " of " + m.total + " runs"; break;
  case "compare": showCompare(m.compare); break;
  case "busy": showMessage(m.message, null, true); break;
  case "error": showMessage(m.message, m.detail); if ($("compare-result").textContent.startsWith("training")) $("compare-result").textContent = ""; break;
  }
}
function connect() {
  socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
  socket.onopen = () => { $("status").textContent = "connected"; showActivation("relu", ""); };
  socket.onmessage = (e) => onMessage(JSON.parse(e.data));
  socket.onclose = () => { $("status").textContent = "disconnected — reload the page"; };
}
fetch("/catalogue.json").then((r) => r.json()).then((ids) => {
  for (const id of ids) { const o = document.createElement("option"); o.value = id; $("catalogue").appendChild(o); }
}).catch(() => {});
addLayer(2, "relu");
drawLoss();
connect();
"""##
}
