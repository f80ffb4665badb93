// CommonJS consumer: kennel loaded through require from the packed tarballs.
const { createKennel } = require('@kennel/core');
const { kennelExpress } = require('@kennel/express');
const { metricsPlugin } = require('@kennel/metrics');
const express = require('express');
const serveOnce = require('./serve-once.cjs');

serveOnce({ createKennel, kennelExpress, metricsPlugin, express }, 'cjs');
