// Pressroom's parts (Vite, htmlparser2, Fastify's request injector) need a Node.js that can
// require ES modules: 20.19 or later, or 22.12 or later. An older one fails deep inside a
// dependency with a message about exports; this says what to install instead. Imported first.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19) || major === 21 || (major === 22 && minor < 12)) {
  console.error(`pressroom: Node.js ${process.versions.node} is too old; Pressroom needs Node.js 20.19 or later (22.12 or later on Node 22).`);
  process.exit(1);
}
