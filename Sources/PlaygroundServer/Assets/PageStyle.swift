/// The page's style sheet.
extension PageAssets {
    static let style = #"""
[hidden] { display: none !important; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { display: flex; align-items: baseline; gap: 1em; padding: 0.5em 1em; background: #23395d; color: white; }
header h1 { font-size: 1.2em; margin: 0; }
#status { font-family: ui-monospace, monospace; font-size: 0.9em; }
main { display: flex; gap: 1em; padding: 1em; align-items: flex-start; }
#controls { width: 330px; flex: none; }
fieldset { border: 1px solid #ccc; margin: 0 0 0.7em; padding: 0.4em 0.6em; background: white; }
label { display: block; margin: 0.25em 0; }
input, select { font: inherit; }
input[type=number] { width: 6em; }
.layer { display: flex; gap: 0.3em; margin: 0.2em 0; align-items: center; }
.layer input.units { width: 3.5em; }
.layer input.act { width: 8em; }
.layer input.params { width: 6.5em; }
.buttons { display: flex; flex-wrap: wrap; gap: 0.3em; margin-bottom: 0.7em; }
button { font: inherit; padding: 0.2em 0.6em; }
button.primary { background: #23395d; color: white; border: 1px solid #23395d; }
#message { border: 1px solid #c33; background: #fee; padding: 0.4em; margin-bottom: 0.7em; }
#message.info { border-color: #c90; background: #ffd; }
#message pre { margin: 0.3em 0 0; font-size: 0.9em; }
#charts { flex: 1; }
.row { display: flex; gap: 1em; flex-wrap: wrap; }
figure { margin: 0 0 1em; background: white; border: 1px solid #ccc; padding: 0.4em; }
figure.wide { flex: 1; }
figcaption { font-weight: 600; margin-bottom: 0.3em; }
#units .layer-units { margin-bottom: 0.4em; }
#units .layer-units > div { font-weight: normal; font-size: 0.9em; }
#units canvas { border: 1px solid #ddd; margin: 2px; }
#units canvas.dead { opacity: 0.25; filter: grayscale(1); border-color: #999; }
#panel-activation { width: 11em; }
#panel-params { width: 7em; }
#sheet td { padding: 0 0.6em 0 0; font-size: 0.9em; }
#compare-result table { border-collapse: collapse; font-size: 0.9em; margin-top: 0.4em; }
#compare-result td, #compare-result th { border: 1px solid #ddd; padding: 0.1em 0.4em; text-align: right; }
"""#
}
