"""Drives the playground page in headless Chromium: cos fits with relu and leaky_relu until the
loss falls below a threshold, the dead-unit count and the charts drawn, a decision boundary,
the activation panel, a malformed expression's caret message, and a comparison.
Usage: playground.py URL [--screenshots DIR]"""
import argparse
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

LOSS_THRESHOLD = 0.02


def browser():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1500"]:
        options.add_argument(arg)
    for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]:
        if os.path.exists(path):
            options.binary_location = path
    driver_path = next((p for p in ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"] if os.path.exists(p)), None)
    service = Service(driver_path) if driver_path else Service()
    return webdriver.Chrome(service=service, options=options)


def wait(what, condition, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def set_value(d, element_id, value):
    d.execute_script("const e = document.getElementById(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('change'));",
                     element_id, str(value))


def set_layers(d, layers):
    """layers: [(units, activation)]; replaces the page's hidden layers."""
    d.execute_script("""
        const box = document.getElementById('layers');
        while (box.children.length > 1) box.lastChild.remove();
        arguments[0].forEach((l, i) => {
            if (i > 0) document.getElementById('add-layer').click();
            const row = box.children[i];
            row.querySelector('.units').value = l[0];
            row.querySelector('.act').value = l[1];
            row.querySelector('.params').value = '';
        });""", layers)


def painted_pixels(d, canvas_id):
    """Pixels of the canvas that are neither white nor transparent."""
    return d.execute_script("""
        const c = document.getElementById(arguments[0]), data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) n++;
        return n;""", canvas_id)


def state(d):
    return d.find_element(By.ID, "status").get_attribute("data-state")


def last_loss(d):
    text = d.find_element(By.ID, "loss-value").get_attribute("data-loss")
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def train(d):
    """Clicks Train and waits for the server to acknowledge the new training."""
    d.execute_script("document.getElementById('status').dataset.state = 'asked';")
    d.find_element(By.ID, "train").click()
    wait("the training to start", lambda: state(d) not in ("asked", None), 30)


def cos_fit(d, activation, shots, name):
    set_value(d, "task", "cos")
    set_layers(d, [(16, activation)])
    set_value(d, "epochs", 300)
    set_value(d, "seed", 0)
    started = time.time()
    train(d)
    wait(f"{activation}: loss below {LOSS_THRESHOLD}", lambda: (last_loss(d) or 1) < LOSS_THRESHOLD, 60)
    wait(f"{activation}: training to finish", lambda: state(d) == "finished", 60)
    dead = d.find_element(By.ID, "dead-count").get_attribute("data-count")
    assert dead is not None and dead.isdigit(), f"dead-unit count not shown: {dead!r}"
    fit_pixels, loss_pixels = painted_pixels(d, "fit-canvas"), painted_pixels(d, "loss-canvas")
    assert fit_pixels > 1500 and loss_pixels > 1500, f"charts not drawn: fit {fit_pixels}, loss {loss_pixels} pixels"
    units = d.find_elements(By.CSS_SELECTOR, "#units canvas")
    assert len(units) == 16, f"expected 16 unit charts, got {len(units)}"
    greyed = len(d.find_elements(By.CSS_SELECTOR, "#units canvas.dead"))
    assert greyed == int(dead), f"{greyed} unit charts greyed, count says {dead}"
    if activation == "leaky_relu":
        assert int(dead) == 0, "a leaky relu unit cannot die"
    print(f"{activation}: final loss {last_loss(d):.4g}, dead units {dead}, {time.time() - started:.1f} s")
    if shots:
        d.save_screenshot(os.path.join(shots, name))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    shots = args.screenshots
    if shots:
        os.makedirs(shots, exist_ok=True)
    d = browser()
    try:
        d.get(args.url)
        wait("the WebSocket to connect", lambda: "connected" in d.find_element(By.ID, "status").text, 20)
        wait("the activation panel", lambda: d.find_element(By.ID, "activation-canvas").get_attribute("data-drawn") == "1", 20)

        cos_fit(d, "relu", shots, "playground-fit-relu.png")
        cos_fit(d, "leaky_relu", shots, "playground-fit.png")

        # A decision boundary: two spirals' easier cousin, circles, with two tanh layers.
        set_value(d, "task", "circles")
        set_layers(d, [(8, "tanh"), (8, "tanh")])
        set_value(d, "epochs", 200)
        train(d)
        wait("circles to finish", lambda: state(d) == "finished", 90)
        text = d.find_element(By.ID, "loss-value").text
        accuracy = float(text.split("validation accuracy ")[1].rstrip("%"))
        assert accuracy > 90, f"circles validation accuracy {accuracy}%"
        assert painted_pixels(d, "fit-canvas") > 30000, "decision boundary not drawn"
        print(f"circles: validation accuracy {accuracy}%")
        if shots:
            d.save_screenshot(os.path.join(shots, "playground-boundary.png"))

        # The activation panel: f, f' and the character sheet, for an expression.
        set_value(d, "panel-activation", "x * sigmoid(1.5 * x)")
        wait("the sheet for the expression", lambda: "sigmoid" in d.find_element(By.ID, "sheet").text, 20)
        sheet = d.find_element(By.ID, "sheet").text
        for field in ["range", "monotonic", "zero-centred", "saturating", "max |f′|"]:
            assert field in sheet, f"sheet lacks {field}: {sheet}"
        if shots:
            panel = d.find_element(By.ID, "activation-panel")
            d.execute_script("arguments[0].scrollIntoView();", panel)
            panel.screenshot(os.path.join(shots, "playground-activation.png"))

        # A malformed expression: a message in the page with its caret, never a broken page.
        set_value(d, "panel-activation", "tanh(x")
        wait("the caret message", lambda: "^" in d.find_element(By.ID, "message-detail").text, 20)
        assert d.find_element(By.ID, "message").is_displayed()
        print("malformed expression: " + d.find_element(By.ID, "message-text").text)

        # Compare relu with leaky_relu on the cos fit over two seeds each.
        set_value(d, "task", "cos")
        set_layers(d, [(8, "relu")])
        set_value(d, "epochs", 100)
        set_value(d, "compare-seeds", 2)
        d.find_element(By.ID, "compare").click()
        wait("the comparison", lambda: "final validation loss" in d.find_element(By.ID, "compare-result").text, 90)
        rows = d.find_elements(By.CSS_SELECTOR, "#compare-result tr")
        assert len(rows) == 3, f"comparison table has {len(rows)} rows"
        print("compare: " + d.find_element(By.ID, "compare-result").text.replace("\n", " | "))

        errors = [e for e in d.get_log("browser") if e.get("level") == "SEVERE"]
        assert not errors, f"browser console errors: {errors}"
        print("e2e: all checks passed")
    finally:
        d.quit()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"e2e: FAILED: {e}", file=sys.stderr)
        sys.exit(1)
