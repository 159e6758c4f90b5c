// Stylesheets are bundled by Vite; importing them only has side effects.
declare module '*.css';
