import type { PlatformAdapter } from '../types';
const adapter: PlatformAdapter = { id: 'xiaohongshu', items: [] };
export default adapter;
