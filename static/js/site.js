// Progressive enhancement only: every page works without this file.
// GOV.UK Frontend's components look for this class before they initialise.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

const script = document.querySelector("script[data-govuk-frontend]");
if (script) {
  import(script.dataset.govukFrontend).then(({ initAll }) => initAll());
}

// The "Other" box under radios: GOV.UK Frontend's conditional reveal, less the
// aria-expanded its Radios module puts on the radio (ARIA does not allow it on
// a radio, and axe fails it). Checkboxes use GOV.UK Frontend's own module.
for (const group of document.querySelectorAll(".govuk-radios:not([data-module])")) {
  const inputs = [...group.querySelectorAll("input[type=radio]")];
  const revealing = inputs.filter((input) => input.dataset.ariaControls);
  if (!revealing.length) continue;
  const sync = () => {
    for (const input of revealing) {
      const target = document.getElementById(input.getAttribute("aria-controls"));
      target?.classList.toggle("govuk-radios__conditional--hidden", !input.checked);
    }
  };
  for (const input of revealing) {
    input.setAttribute("aria-controls", input.dataset.ariaControls);
    input.removeAttribute("data-aria-controls");
  }
  for (const input of inputs) input.addEventListener("change", sync);
  sync();
}

// Copy buttons (the survey's resume link, the share page's message and link).
// Where the clipboard is refused, the text is selected for the person to copy.
for (const button of document.querySelectorAll("[data-copy-target]")) {
  button.hidden = false;
  button.addEventListener("click", () => {
    const target = document.getElementById(button.dataset.copyTarget);
    const status = document.getElementById(button.dataset.copyStatus);
    if (!target) return;
    const say = (text) => {
      if (status) status.textContent = text;
    };
    const selectIt = () => {
      if (target.select) target.select();
      say("Press Control and C (or Command and C) to copy the selected text");
    };
    if (!navigator.clipboard) {
      selectIt();
      return;
    }
    const text = target.value || target.textContent.trim();
    navigator.clipboard
      .writeText(text)
      .then(() => say(button.dataset.copyDone || "Link copied"))
      .catch(selectIt);
  });
}

// Print buttons.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

// Route map preview cards: hovering over or focusing a station shows the first
// lines of what it looks like. Escape closes the card; the link still works.
for (const map of document.querySelectorAll("[data-route-map]")) {
  const card = document.createElement("div");
  card.className = "til-map__card";
  card.id = `${map.querySelector("svg title")?.id || "route-map"}-card`;
  card.setAttribute("role", "tooltip");
  card.hidden = true;
  const title = document.createElement("p");
  title.className = "til-map__card-title";
  const text = document.createElement("p");
  card.append(title, text);
  map.append(card);
  let hideTimer = null;
  let current = null;

  const show = (station) => {
    clearTimeout(hideTimer);
    current = station;
    title.textContent = station.dataset.name;
    text.textContent = station.dataset.preview;
    card.hidden = false;
    station.setAttribute("aria-describedby", card.id);
    const box = map.getBoundingClientRect();
    const spot = station.querySelector(".til-map__stop").getBoundingClientRect();
    const left = Math.min(
      Math.max(0, spot.left - box.left - card.offsetWidth / 2 + spot.width / 2),
      Math.max(0, box.width - card.offsetWidth),
    );
    card.style.left = `${left}px`;
    card.style.top = `${spot.bottom - box.top + 12}px`;
  };
  const hide = () => {
    clearTimeout(hideTimer);
    card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  };
  const hideSoon = () => {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 300);
  };

  for (const station of map.querySelectorAll("a.til-map__station")) {
    station.addEventListener("mouseenter", () => show(station));
    station.addEventListener("focus", () => show(station));
    station.addEventListener("mouseleave", hideSoon);
    station.addEventListener("blur", hide);
  }
  // The pointer can move onto the card without it closing.
  card.addEventListener("mouseenter", () => clearTimeout(hideTimer));
  card.addEventListener("mouseleave", hideSoon);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !card.hidden) hide();
  });
}
