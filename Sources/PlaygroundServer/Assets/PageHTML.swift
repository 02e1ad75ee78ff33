/// The page's markup: the controls on the left, the charts on the right.
extension PageAssets {
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ActivationLab playground</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/app.css">
<link rel="icon" href="data:,">
</head>
<body>
<header>
  <h1>ActivationLab playground</h1>
  <span id="status">connecting…</span>
</header>
<main>
<section id="controls">
  <fieldset>
    <legend>Task</legend>
    <label>Task
      <select id="task">
        <option value="cos" selected>cos fit (the article)</option>
        <option value="sin">sin</option>
        <option value="abs">abs</option>
        <option value="step">step</option>
        <option value="expression">expression of x…</option>
        <option value="circles">circles</option>
        <option value="xor">xor</option>
        <option value="spirals">two spirals</option>
        <option value="blobs">Gaussian blobs</option>
        <option value="classification">make_classification</option>
        <option value="mnist">MNIST subset</option>
      </select>
    </label>
    <label id="expression-row" hidden>Target <input id="expression" value="sin(2*x) + 1" spellcheck="false"></label>
    <label>Points <input id="points" type="number" min="10" max="5000" placeholder="default"></label>
  </fieldset>
  <fieldset>
    <legend>Hidden layers</legend>
    <div id="layers"></div>
    <button id="add-layer" type="button">+ layer</button>
    <button id="remove-layer" type="button">− layer</button>
    <datalist id="catalogue"></datalist>
  </fieldset>
  <fieldset>
    <legend>Training</legend>
    <label>Optimizer
      <select id="optimizer"><option>adam</option><option>sgd</option><option>rmsprop</option></select>
    </label>
    <label>Learning rate <input id="learning-rate" type="number" step="any" value="0.04"></label>
    <label>Batch size <input id="batch-size" type="number" value="32"></label>
    <label>Epochs <input id="epochs" type="number" value="300"></label>
    <label>Seed <input id="seed" type="number" value="0"></label>
  </fieldset>
  <div class="buttons">
    <button id="train" type="button" class="primary">Train</button>
    <button id="pause" type="button">Pause</button>
    <button id="resume" type="button">Resume</button>
    <button id="step" type="button">Step epoch</button>
    <button id="reset" type="button">Reset (new seed)</button>
    <button id="stop" type="button">Stop</button>
  </div>
  <div id="message" role="alert" hidden><span id="message-text"></span><pre id="message-detail" hidden></pre></div>
  <fieldset>
    <legend>Compare</legend>
    <label>Activation A <input id="compare-a" value="relu" list="catalogue" spellcheck="false"></label>
    <label>Activation B <input id="compare-b" value="leaky_relu" list="catalogue" spellcheck="false"></label>
    <label>Seeds <input id="compare-seeds" type="number" value="5" min="2" max="10"></label>
    <button id="compare" type="button">Compare</button>
    <div id="compare-result"></div>
  </fieldset>
</section>
<section id="charts">
  <div class="row">
    <figure><figcaption>Loss <span id="loss-value"></span></figcaption><canvas id="loss-canvas" width="460" height="260"></canvas></figure>
    <figure><figcaption id="fit-title">Fit</figcaption><canvas id="fit-canvas" width="460" height="260"></canvas></figure>
  </div>
  <div class="row">
    <figure class="wide"><figcaption>Hidden units <span id="dead-count"></span></figcaption><div id="units"></div></figure>
  </div>
  <div class="row">
    <figure><figcaption>Gradient norm per layer (latest batch)</figcaption><canvas id="grad-canvas" width="460" height="160"></canvas></figure>
    <figure id="activation-panel"><figcaption>Activation <input id="panel-activation" value="relu" list="catalogue" spellcheck="false"> <input id="panel-params" placeholder="alpha=0.1" spellcheck="false"></figcaption>
      <canvas id="activation-canvas" width="460" height="200"></canvas>
      <table id="sheet"></table>
    </figure>
  </div>
</section>
</main>
<script src="/app.js"></script>
</body>
</html>
"""#
}
