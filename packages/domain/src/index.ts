export * from './place';
export * from './schedule';
export * from './seating';
