export { registerEmployerRoutes } from './routes.ts';
