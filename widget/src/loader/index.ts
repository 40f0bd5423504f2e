// The script tag's entry: `<script src="https://kefu.example.com/widget.js" data-site="KEY" async>`.
import { boot } from './boot';

boot(window, document);
