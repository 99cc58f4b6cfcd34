// The host's own tiny single-page app: links change the URL through the
// history API, as a framework router would. Tessera is not involved here.
for (const a of document.querySelectorAll('a[data-route]')) {
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    history.pushState({}, '', a.getAttribute('href'));
    document.getElementById('title').textContent = `Minimal shop: ${a.textContent}`;
  });
}
document.getElementById('buy').addEventListener('click', () => window.Tessera?.track('checkout'));
