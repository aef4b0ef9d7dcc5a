// The images module as app.ts and other modules see it; nothing outside imports its files directly.
export { imageUrl } from './image-url';
export { imageRoutes } from './images.routes';
export { createImagesService, type ImagesService } from './images.service';
