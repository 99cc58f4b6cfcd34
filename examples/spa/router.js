// The host's own router, as a framework would do it: links and buttons change
// the URL with history.pushState, Back/Forward raise popstate, and the view
// is rendered from the URL. Tessera is not told about any of this: the
// loader notices route changes by itself, shows the survey configured for
// ?view=order after its delay, and cancels it when the visitor navigates
// away before the delay is over.

const VIEWS = {
  home: () => section('Welcome to Trailhead',
    p('Gear for long days outside. Browse the catalog, then check out: a short survey '),
    p('appears on the order confirmation, a second after it opens.')),
  catalog: () => section('Catalog',
    list(['Trail runner 3 — €139', 'Merino tee — €45', 'Trail socks, 3 pairs — €18'])),
  checkout: () => {
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'place-order';
    button.textContent = 'Place order';
    button.addEventListener('click', () => navigate('order'));
    return section('Checkout', p('Trail runner 3, size 43. Total €139.'), button);
  },
  order: () => section('Order confirmed', p('Order #5531 is on its way. Thank you!')),
};

function p(text) {
  const el = document.createElement('p');
  el.textContent = text;
  return el;
}

function list(items) {
  const ul = document.createElement('ul');
  for (const item of items) ul.append(Object.assign(document.createElement('li'), { textContent: item }));
  return ul;
}

function section(title, ...children) {
  const h1 = document.createElement('h1');
  h1.textContent = title;
  const s = document.createElement('section');
  s.append(h1, ...children);
  return s;
}

function current() {
  const view = new URLSearchParams(location.search).get('view');
  return VIEWS[view] ? view : 'home';
}

function render() {
  const name = current();
  const main = document.getElementById('view');
  main.replaceChildren(VIEWS[name]());
  document.title = `${main.querySelector('h1').textContent} · Trailhead`;
  for (const a of document.querySelectorAll('a[data-view]')) {
    if (a.dataset.view === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function navigate(view) {
  history.pushState({ view }, '', `?view=${view}`);
  render();
  document.getElementById('view').focus();
}

document.addEventListener('click', (ev) => {
  const a = ev.target instanceof Element ? ev.target.closest('a[data-view]') : null;
  if (!a || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
  ev.preventDefault();
  navigate(a.dataset.view);
});
addEventListener('popstate', render);
render();

// What the widget reports, for the person trying the example.
const log = document.getElementById('log');
for (const type of ['pending', 'shown', 'cancelled', 'complete', 'dismiss']) {
  window.Tessera?.on(type, (d) => { log.textContent = `Tessera: ${type} ${d.surveyId}${d.reason ? ` (${d.reason})` : ''}`; });
}
