export { imageUrl } from './image-url';
