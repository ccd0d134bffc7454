"""Headless Chromium driven over the Chrome DevTools Protocol on a pipe (--remote-debugging-pipe:
the browser reads NUL-terminated JSON on descriptor 3 and writes on 4), so a test sees every
console message, network request and dialog of a page, with no port and no extra package."""
import base64
import fcntl
import json
import os
import queue
import subprocess
import threading

# Only a guard against a hung browser; nothing depends on how fast it is.
HANG_GUARD = 60


class ChromiumPipe:
    def __init__(self, chromium, profile):
        self.chromium = chromium
        self.profile = str(profile)
        self.next_id = 0
        self.events = []
        self.messages = queue.Queue()

    def __enter__(self):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()

        def descriptors():
            # Copies above 4 first, so placing one on 3 or 4 cannot overwrite the other.
            reading, writing = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_browser_read, from_browser_write))
            os.dup2(reading, 3)
            os.dup2(writing, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self.process = subprocess.Popen(
            [self.chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             f"--user-data-dir={self.profile}", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
             "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
             "about:blank"],
            preexec_fn=descriptors, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL if not os.environ.get("CDP_DEBUG") else None)
        os.close(to_browser_read)
        os.close(from_browser_write)
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def __exit__(self, *exc):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=HANG_GUARD)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.to_browser)

    def _read(self):
        buffer = b""
        with os.fdopen(self.from_browser, "rb", buffering=0) as stream:
            while chunk := stream.read(65536):
                buffer += chunk
                *complete, buffer = buffer.split(b"\0")
                for message in complete:
                    self.messages.put(json.loads(message))
        self.messages.put(None)

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        return self.next_id

    def _next(self):
        message = self.messages.get(timeout=HANG_GUARD)
        assert message is not None, "the browser closed its pipe"
        if "method" in message:
            self.events.append(message)
            if message["method"] == "Page.javascriptDialogOpening":
                self.send("Page.handleJavaScriptDialog", {"accept": True}, message.get("sessionId"))
        return message

    def call(self, method, params=None, session=None):
        wanted = self.send(method, params, session)
        while True:
            message = self._next()
            if message.get("id") == wanted:
                assert "error" not in message, (method, message["error"])
                return message.get("result", {})

    def wait_for(self, event, session):
        for message in self.events:
            if message["method"] == event and message.get("sessionId") == session:
                return message
        while True:
            message = self._next()
            if message.get("method") == event and message.get("sessionId") == session:
                return message

    def visit(self, url, screenshot, dark=False, width=1000, height=1400):
        """Loads `url` in a fresh tab; returns what the page did and saves a full-page PNG."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=session)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session)
        self.call("Emulation.setEmulatedMedia",
                  {"features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]}, session)
        start = len(self.events)
        self.call("Page.navigate", {"url": url}, session)
        self.wait_for("Page.loadEventFired", session)

        def evaluate(expression):
            return self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session)["result"].get("value")

        text = evaluate("document.body.innerText")
        elements = evaluate("document.querySelectorAll('script, img, iframe, object, embed, link, audio, video').length")
        background = evaluate("getComputedStyle(document.body).backgroundColor")
        shot = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, session)
        with open(screenshot, "wb") as target_file:
            target_file.write(base64.b64decode(shot["data"]))
        events = [event for event in self.events[start:] if event.get("sessionId") == session]
        console = [event["params"] for event in events
                   if event["method"] in ("Runtime.exceptionThrown",)
                   or (event["method"] == "Runtime.consoleAPICalled" and event["params"]["type"] in ("error", "assert", "warning"))
                   or (event["method"] == "Log.entryAdded" and event["params"]["entry"]["level"] in ("error", "warning"))]
        self.call("Target.closeTarget", {"targetId": target})
        return {
            "text": text, "elements": elements, "background": background, "console": console,
            "dialogs": [event["params"] for event in events if event["method"] == "Page.javascriptDialogOpening"],
            "requests": [event["params"]["request"]["url"] for event in events if event["method"] == "Network.requestWillBeSent"],
        }
