// What the proxy's Worker bundles in place of msw (see wrangler.jsonc `alias`): the embedded
// simulator only uses its fetch face there, and msw's own code cannot load in workerd (it takes
// the runtime for a browser and wants localStorage).
const unavailable = () => {
  throw new Error('msw is not bundled into the edge proxy Worker');
};

export const http = { all: unavailable };
export const HttpResponse = { error: unavailable };
