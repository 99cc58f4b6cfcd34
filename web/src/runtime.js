// The page-wide Tessera instance that elements wait for. Tessera.load()
// settles it; elements placed before load() is called simply wait.

let resolveReady;
let rejectReady;
const readyPromise = new Promise((resolve, reject) => {
  resolveReady = resolve;
  rejectReady = reject;
});
readyPromise.catch(() => {});

export const runtime = {
  ready: () => readyPromise,
  resolve: (instance) => resolveReady(instance),
  reject: (error) => rejectReady(error),
};
