// make-brief preview: keep this page in step with the files being edited.
//
// The server streams its state (server-sent events) after every build. When the part
// this page shows has a new version, the page fetches its <main> again, waits until the
// new page images are decoded (no blank flash), and puts it in place; the scroll
// position stays where it was.
"use strict";

(() => {
  const main = document.getElementById("preview");
  const live = document.getElementById("live");
  if (!main || !window.EventSource) return;
  const key = main.dataset.key;
  let shown = Number(main.dataset.version);
  let wanted = shown;
  let fetching = false;

  const say = (text, kind) => {
    live.textContent = text;
    live.className = "live" + (kind ? " " + kind : "");
  };

  const preload = (fragment) =>
    Promise.all(
      [...fragment.querySelectorAll("img")].map((img) => {
        const image = new Image();
        image.src = img.getAttribute("src");
        return image.decode().catch(() => undefined);
      }),
    );

  const refresh = async () => {
    if (fetching) return;
    fetching = true;
    try {
      while (wanted !== shown) {
        const target = wanted;
        const response = await fetch(main.dataset.fragment, { cache: "no-store" });
        const version = Number(response.headers.get("X-Preview-Version") || target);
        const holder = document.createElement("template");
        holder.innerHTML = await response.text();
        await preload(holder.content);
        main.replaceChildren(holder.content);
        main.dataset.version = String(version);
        shown = version;
        if (wanted === target) wanted = version;
      }
    } catch (error) {
      say("cannot reach the preview", "stopped");
    } finally {
      fetching = false;
    }
  };

  const events = new EventSource("/events");
  events.onmessage = (message) => {
    const state = JSON.parse(message.data);
    const building = key ? state.building.includes(key) : state.building.length > 0;
    say(building ? "updating…" : "", building ? "busy" : "");
    const version = key ? state.views[key] : state.version;
    wanted = version === undefined ? -1 : version;
    if (wanted !== shown) refresh();
  };
  events.onerror = () => {
    say("the preview stopped; run make-brief preview again to go on", "stopped");
  };
})();
