// `q`'s length cap (QRY-4), in a module of its own so the query bar's client code can import
// it without the server's schema modules.
export const maxSearchLength = 200;
