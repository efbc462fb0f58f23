# The adops worker image (used by docker-compose.yml). Runs TypeScript through tsx, like `npm run worker`.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --no-save
COPY tsconfig.json ./
COPY src ./src
COPY config ./config
ENV NODE_ENV=production
CMD ["node", "--import", "tsx", "src/cli/main.ts", "worker"]
