#!/usr/bin/env node
console.log('comptoir-site: see README');
