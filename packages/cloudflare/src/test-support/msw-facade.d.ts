// msw as the type-check of the tests sees it (tsconfig.test.json maps `msw` here). The tests are
// checked against the Workers types, under which msw's own declarations do not hold: its
// StrictRequest is not a Workers Request (their json() differ), and @vidgo-sdk/testing hands one to
// the other. At run time the real msw loads; only the slice @vidgo-sdk/testing uses is declared.
export interface HttpHandler {
  readonly info: unknown;
}
export declare const http: {
  all(path: string, resolver: (info: { request: Request }) => unknown): HttpHandler;
};
export declare const HttpResponse: {
  error(): Response;
};
