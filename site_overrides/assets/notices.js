// Keyboard and screen-reader repairs to Material's page frame (WCAG 2.1.1, 2.4.3, 2.4.7, 2.4.11, 4.1.2).
// Runs after every page load, including Material's instant loading.

// Material's widths (its stylesheet's breakpoints): below them the menu is a drawer off the screen's
// edge, and the search box hides behind a button.
var DRAWER_WIDTH = window.matchMedia("(max-width: 76.2344em)");
var SEARCH_BEHIND_BUTTON = window.matchMedia("(max-width: 59.9844em)");

// Material wraps wide tables in a box that scrolls sideways. A keyboard user can only scroll a box
// that can take focus, so each one gets tabindex and a name (WCAG 2.1.1). Phones hide scrollbars, so
// a column cut off at the screen's edge looked like the end of the table: while the table is wider
// than its box, a line above it says that it scrolls.
function nameTableScrollers() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", "Table (scrolls sideways on small screens)");
    // Chromium does not scroll a box sideways to a focused link that wraps over several lines.
    wrapper.addEventListener("focusin", function (event) {
      if (event.target !== wrapper) event.target.scrollIntoView({block: "nearest", inline: "nearest"});
    });
    var hint = document.createElement("p");
    hint.className = "notices-scroll-hint";
    hint.setAttribute("aria-hidden", "true");  // the table's region name says it already
    hint.textContent = "This table is wider than your screen: scroll it sideways to see every column.";
    wrapper.before(hint);
    var showHint = function () { hint.hidden = wrapper.scrollWidth <= wrapper.clientWidth; };
    showHint();
    new ResizeObserver(showHint).observe(wrapper);
  });
}

// Material draws its header buttons as <label for="a hidden checkbox">: a mouse can use them, a
// keyboard cannot reach them and a screen reader hears nothing. Each becomes a named button that
// Enter and Space press, and that says whether what it opens is open.
function headerButton(label, name, toggle, controls) {
  label.setAttribute("role", "button");
  label.setAttribute("tabindex", "0");
  label.setAttribute("aria-label", name);
  label.setAttribute("aria-controls", controls.id);
  label.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      toggle.click();
    }
  });
  return label;
}

// An element that is off the screen (the closed drawer, the phone's closed search box) is made inert,
// so that Tab does not stop on links nobody can see.
function keepOffscreenOutOfReach(drawer, search) {
  var drawerToggle = document.getElementById("__drawer");
  var searchToggle = document.getElementById("__search");
  var searchInner = search.querySelector(".md-search__inner");
  var searchOutput = search.querySelector(".md-search__output");
  drawer.inert = DRAWER_WIDTH.matches && !drawerToggle.checked;
  searchOutput.inert = !searchToggle.checked;
  searchInner.inert = SEARCH_BEHIND_BUTTON.matches && !searchToggle.checked;
}

// The drawer and the phone's search box open and close like dialogs: focus goes in when they open,
// and comes back to the button that opened them when they close (Escape, or a tap beside them).
function wireOpenAndClose(toggle, button, container, firstInside, update) {
  toggle.addEventListener("change", function () {
    update();
    if (button.offsetParent === null) return;  // the button is not shown at this width
    if (toggle.checked) {
      var target = firstInside();
      if (target) target.focus();
    } else if (container.contains(document.activeElement) || document.activeElement === document.body) {
      button.focus();
    }
  });
}

function repairHeader() {
  var drawer = document.querySelector(".md-sidebar--primary");
  var search = document.querySelector(".md-search");
  var menuLabel = document.querySelector("label.md-header__button[for='__drawer']");
  var searchLabel = document.querySelector("label.md-header__button[for='__search']");
  if (!drawer || !search || !menuLabel || menuLabel.dataset.notices) return;
  menuLabel.dataset.notices = "repaired";
  drawer.id = drawer.id || "notices-menu";
  search.id = search.id || "notices-search";
  search.setAttribute("aria-label", "Search");
  var drawerToggle = document.getElementById("__drawer");
  var searchToggle = document.getElementById("__search");
  var menuButton = headerButton(menuLabel, "Menu", drawerToggle, drawer);
  var searchButton = searchLabel && headerButton(searchLabel, "Search", searchToggle, search);
  var update = function () {
    keepOffscreenOutOfReach(drawer, search);
    menuButton.setAttribute("aria-expanded", String(drawerToggle.checked));
    if (searchButton) searchButton.setAttribute("aria-expanded", String(searchToggle.checked));
  };
  update();
  DRAWER_WIDTH.addEventListener("change", update);
  SEARCH_BEHIND_BUTTON.addEventListener("change", update);
  wireOpenAndClose(drawerToggle, menuButton, drawer, function () {
    return drawer.querySelector("a[href], [tabindex='0']");
  }, update);
  if (searchButton) {
    wireOpenAndClose(searchToggle, searchButton, search, function () {
      return search.querySelector(".md-search__input");
    }, update);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawerToggle.checked) drawerToggle.click();
  });
}

// A school's entry in the menu has a link to its page and, beside it, an arrow that shows or hides
// its notices: that arrow gets a name and says whether the list is open.
function nameMenuArrows() {
  document.querySelectorAll(".md-nav__container > label.md-nav__link[for]").forEach(function (arrow) {
    var toggle = document.getElementById(arrow.getAttribute("for"));
    var link = arrow.parentElement.querySelector("a.md-nav__link");
    if (!toggle || !link) return;
    arrow.setAttribute("role", "button");
    arrow.setAttribute("aria-label", "Notices of " + link.textContent.trim());
    var show = function () { arrow.setAttribute("aria-expanded", String(toggle.checked)); };
    show();
    toggle.addEventListener("change", show);
  });
}

// Search forgives one typo: Material's search worker gets each word of five letters or more twice,
// as typed and with one letter different allowed (lunr's "~1"); as typed scores higher. A query
// with search operators (quotes, + - * ~ ^ :) goes as it is.
var SEARCH_QUERY = 2;  // Material's message type for a query to its search worker
var postToWorker = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message) {
  var args = Array.prototype.slice.call(arguments);
  if (message && message.type === SEARCH_QUERY && typeof message.data === "string" && !/["+\-*~^:]/.test(message.data)) {
    var words = message.data.trim().split(/\s+/);
    var forgiving = words.filter(function (word) { return word.length >= 5; }).map(function (word) { return word + "~1"; });
    args[0] = {type: message.type, data: words.concat(forgiving).join(" ")};
  }
  return postToWorker.apply(this, args);
};

document$.subscribe(function () {
  nameTableScrollers();
  repairHeader();
  nameMenuArrows();
});
