// Explorables: a snippet's figures, one per parameter value, shown one at a time with a
// slider (guide/markup.py writes the markup). Keyboard: the range input's own arrow keys.
// The URL keeps the value (?explore-l1-06_explore=1e-3), so a setting can be linked.
// Without JavaScript the first frame shows, and the printed table holds every value.
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll("figure.explorable")) {
    const data = JSON.parse(box.dataset.explorable);
    const frames = [...box.querySelectorAll(".explorable-frame")];
    const control = box.querySelector(".explorable-control");
    const range = control.querySelector("input");
    const output = control.querySelector("output");
    const name = control.querySelector("label").textContent;
    const readout = box.querySelector(".explorable-readout");

    const show = (i, remember) => {
      frames.forEach((frame, j) => { frame.hidden = j !== i; });
      range.value = String(i);
      range.setAttribute("aria-valuetext", `${name} = ${data.values[i]}`);
      output.textContent = data.values[i];
      if (readout && data.rows) readout.textContent = `${data.rows.header}\n${data.rows.rows[i]}`;
      if (remember) {
        const url = new URL(window.location.href);
        url.searchParams.set(box.id, data.values[i]);
        window.history.replaceState(null, "", url);
      }
    };

    control.hidden = false;
    range.addEventListener("input", () => show(Number(range.value), true));
    const asked = new URL(window.location.href).searchParams.get(box.id);
    const start = data.values.indexOf(asked);
    show(start >= 0 ? start : 0, false);
  }
});
