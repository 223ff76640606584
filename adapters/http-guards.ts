import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** While stopping, new deliveries are refused with 503 so that the platform retries them on another instance. */
export function refuseWhileStopping(isStopping: () => boolean): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    if (isStopping()) res.status(503).set('Retry-After', '5').json({ error: 'shutting down' });
    else next();
  };
}

/**
 * Body parser failures answer in JSON with the route's own limit (mounted in the route, so logs
 * show its path); anything else goes on to the app's error handler.
 */
export function bodyErrors(limit: string) {
  return (err: Error & { type?: string }, _req: Request, res: Response, next: NextFunction): void => {
    if (err.type === 'entity.parse.failed') return void res.status(400).json({ error: 'the body is not valid JSON' });
    if (err.type === 'entity.too.large') return void res.status(413).json({ error: `the body is too large (${limit} at most)` });
    if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') return void res.status(415).json({ error: 'unsupported body encoding' });
    next(err);
  };
}
