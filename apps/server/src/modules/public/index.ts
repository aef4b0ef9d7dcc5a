// The public pages module as app.ts sees it.
export { publicRoutes } from './public.routes';
export { createPublicService, type PublicService } from './public.service';
