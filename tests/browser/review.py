"""The review page in a real browser (headless Chromium, driven by Playwright).

Run by tests/review_browser.rs, which writes the pages and a JSON file of what each must
show. Every check reads the live DOM. Exits 1 on the first page that fails a check, and
on anything that keeps the browser from running: a browser test that cannot run fails.

    python3 review.py EXPECTATIONS.json AXE.min.js OUT_DIR
"""

import json
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

failures = []


def fail(page, why):
    failures.append(f"{page}: {why}")
    print(f"FAIL {page}: {why}", flush=True)


def ok(page, what):
    print(f"ok   {page}: {what}", flush=True)


def norm(s):
    return " ".join(s.split())


def watch(page, name, events):
    """Every request, dialog, console error and page error is recorded."""
    url = page.url

    def on_request(req):
        events["requests"].append(req.url)

    def on_dialog(d):
        events["dialogs"].append(d.message)
        d.dismiss()

    def on_console(m):
        if m.type in ("error", "warning"):
            events["console"].append(f"{m.type}: {m.text}")

    page.on("request", on_request)
    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    return url


def check_quiet(name, url, events):
    others = [u for u in events["requests"] if u != url]
    if others:
        fail(name, f"requests beside the page itself: {others}")
    else:
        ok(name, "no request but the page itself")
    for kind in ("dialogs", "console", "errors"):
        if events[kind]:
            fail(name, f"{kind}: {events[kind]}")
    if not any(events[k] for k in ("dialogs", "console", "errors")):
        ok(name, "no dialog, no console message, no page error")


def in_view(page, element_id):
    return page.evaluate(
        """id => { const e = document.getElementById(id); if (!e) return false;
                   const r = e.getBoundingClientRect();
                   return r.top >= -1 && r.top < window.innerHeight; }""",
        element_id,
    )


def check_page(browser, axe, name, spec, out):
    page = browser.new_page()
    events = {"requests": [], "dialogs": [], "console": [], "errors": []}
    # Anything but the page's own file is refused as well as recorded.
    target = Path(spec["page"]).resolve().as_uri()
    page.route("**/*", lambda r: r.continue_() if r.request.url == target else r.abort())
    watch(page, name, events)
    page.goto(target)
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)

    scripts = page.evaluate("document.scripts.length")
    if scripts:
        fail(name, f"{scripts} script elements in the live DOM")
    # The inline style was allowed by the policy (its hash matches): marks are styled.
    styled = page.evaluate(
        """() => { const m = document.querySelector('mark.sev-error, mark.sev-warning, mark.sev-note, mark.sev-clean');
                   if (!m) return 'no mark';
                   return getComputedStyle(m).borderBottomWidth; }"""
    )
    if spec["quotes"] and styled in ("0px", "no mark"):
        fail(name, f"the page's style did not apply ({styled})")

    marks = page.evaluate("[...document.querySelectorAll('mark')].map(m => m.textContent)")
    marks_n = [norm(m) for m in marks]
    for q in spec["quotes"]:
        if not any(norm(q) in m for m in marks_n):
            fail(name, f"quote not marked: {q!r}")
    ok(name, f"{len(spec['quotes'])} quotes, each inside one of {len(marks)} marks")

    # Each mark leads to its note, which names its claims and holds their findings.
    notes = page.evaluate(
        """() => [...document.querySelectorAll('mark')].map(m => {
               const a = m.querySelector('a'); const href = a ? a.getAttribute('href') : null;
               const n = href ? document.getElementById(href.slice(1)) : null;
               return {mark: m.id, href, text: n ? n.textContent : null}; })"""
    )
    for n in notes:
        if n["text"] is None:
            fail(name, f"mark {n['mark']} leads nowhere ({n['href']})")
    for m in spec["messages"]:
        if not any(n["text"] and m["message"] in n["text"] for n in notes if m["quoted"]):
            if m["quoted"]:
                fail(name, f"no mark leads to the finding {m['message']!r}")
    # A click on each of the first marks moves to its note.
    for n in notes[:5]:
        page.click(f"#{n['mark']} a")
        page.wait_for_timeout(50)
        if page.evaluate("location.hash") != n["href"] or not in_view(page, n["href"][1:]):
            fail(name, f"a click on {n['mark']} did not move to {n['href']}")
    if notes:
        ok(name, "each mark leads to its note; a click moves there")

    # A click on the link to another claim of a finding moves to that claim's passage.
    links = page.evaluate(
        """() => [...document.querySelectorAll('a.other')]
                 .map(a => a.getAttribute('href')).filter(h => h.includes('-p'))"""
    )
    if spec.get("conflict_link"):
        if not links:
            fail(name, "no link to another passage")
        for href in links[:5]:
            page.evaluate("window.scrollTo(0, 0)")
            page.click(f"a.other[href='{href}']")
            page.wait_for_timeout(50)
            tag = page.evaluate(f"document.getElementById('{href[1:]}').tagName")
            if page.evaluate("location.hash") != href or not in_view(page, href[1:]) or tag != "MARK":
                fail(name, f"a click on the link to {href} did not move to that passage")
        ok(name, f"{min(len(links), 5)} links to other passages move to them")

    # Keyboard: Tab reaches the marks' links.
    page.evaluate("window.scrollTo(0, 0)")
    page.focus("body")
    reached = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement && document.activeElement.closest('mark') ? 'mark' : document.activeElement.tagName"))
    if spec["quotes"] and "mark" not in reached:
        fail(name, f"Tab never reaches a mark (reached {sorted(reached)})")

    # Print: one column, every note shown.
    page.emulate_media(media="print")
    printed = page.evaluate(
        """() => ({rows: [...document.querySelectorAll('.row')].every(r => getComputedStyle(r).display === 'block'),
                   hidden: [...document.querySelectorAll('.note, .finding')].filter(n => n.offsetParent === null).length})"""
    )
    if not printed["rows"] or printed["hidden"]:
        fail(name, f"printed: {printed}")
    page.emulate_media(media="screen")

    out.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out / f"{name}.png"), full_page=False)
    check_quiet(name, target, events)
    page.close()



def check_a11y(ctx, axe, name, spec):
    """axe-core, in a context that lets its script in (the page's own policy forbids
    every script, axe's too)."""
    page = ctx.new_page()
    page.goto(Path(spec["page"]).resolve().as_uri())
    page.evaluate(axe)
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, n: v.nodes.length, at: v.nodes.slice(0, 3).map(n => n.target.join(' '))})); }"
    )
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    for v in result:
        print(f"     axe {v['impact']}: {v['id']} ({v['n']}): {v['help']} at {v['at']}", flush=True)
    if serious:
        fail(name, f"serious accessibility violations: {[v['id'] for v in serious]}")
    else:
        ok(name, f"axe-core: no serious violation ({len(result)} lesser)")
    page.close()


def main():
    spec_path, axe_path, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    specs = json.loads(Path(spec_path).read_text())
    axe = Path(axe_path).read_text()
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        browser = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS, bypass_csp=False
        )
        for name, spec in specs.items():
            check_page(browser, axe, name, spec, out)
        browser.close()
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=FLAGS, bypass_csp=True
        )
        for name, spec in specs.items():
            check_a11y(ctx, axe, name, spec)
        ctx.close()
    if failures:
        print(f"{len(failures)} checks failed", flush=True)
        sys.exit(1)
    print("every check passed", flush=True)


if __name__ == "__main__":
    main()
