export * from './schedule';
export * from './seating';
