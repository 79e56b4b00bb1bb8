namespace Bot.Host.Preview;

/// <summary>
/// The preview's single page, its style and its script as files of their own (its Content-Security-Policy, <see cref="Csp"/>,
/// runs no inline script or style). Text is put into the DOM with textContent only: nothing a user typed becomes markup.
/// </summary>
internal static class PreviewPage
{
    /// <summary>Only the preview's own files and its own API; not framed (docs/operations.md, "Security headers").</summary>
    public const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string Html = """
<!DOCTYPE html>
<html lang="uk">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Перегляд бота — Електронний журнал</title>
<link rel="stylesheet" href="/preview/preview.css">
</head>
<body>
<header>Перегляд бота: розмова, як у Telegram чи Viber</header>
<div class="wrap">
 <aside id="people"><p>Оберіть, від чийого імені говорити з ботом.</p></aside>
 <section class="chat">
  <div id="who">Особу не обрано</div>
  <div id="log"></div>
  <form id="f"><input id="t" placeholder="Напишіть команду, наприклад /help" autocomplete="off"><button>Надіслати</button></form>
 </section>
</div>
<script src="/preview/preview.js"></script>
</body>
</html>
""";

    public const string Style = """
 body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;background:#e9eef3;color:#17212b}
 header{background:#1f4e79;color:#fff;padding:.7rem 1.2rem;font-size:1.1rem}
 .wrap{display:flex;gap:1rem;padding:1rem;max-width:1100px;margin:auto}
 aside{width:300px;background:#fff;border-radius:8px;padding:.8rem;max-height:80vh;overflow:auto}
 aside h3{margin:.6rem 0 .3rem;font-size:.95rem;color:#1f4e79}
 aside button{display:block;width:100%;text-align:left;border:0;background:none;padding:.35rem .4rem;border-radius:6px;cursor:pointer;font:inherit}
 aside button:hover,aside button.on{background:#dbe8f5}
 aside small{color:#667}
 .chat{flex:1;display:flex;flex-direction:column;background:#fff;border-radius:8px;height:80vh}
 #who{padding:.6rem .9rem;border-bottom:1px solid #dde3ea;font-weight:bold}
 #log{flex:1;overflow:auto;padding:.8rem;background:#dfe7ee}
 .msg{max-width:80%;margin:.3rem 0;padding:.5rem .7rem;border-radius:10px;white-space:pre-wrap;line-height:1.35}
 .bot{background:#fff}.me{background:#d7f5c6;margin-left:auto}
 .kb{display:flex;flex-wrap:wrap;gap:.3rem;margin-top:.4rem}
 .kb button{flex:1 1 auto;border:1px solid #9db7d3;background:#f1f6fb;border-radius:6px;padding:.3rem .5rem;cursor:pointer;font:inherit}
 .notice{font-size:.85rem;color:#555;text-align:center;margin:.3rem}
 form{display:flex;border-top:1px solid #dde3ea}
 input{flex:1;border:0;padding:.8rem;font:inherit}
 form button{border:0;background:#1f4e79;color:#fff;padding:0 1.2rem;font:inherit;cursor:pointer}
""";

    public const string Script = """
const titles={guardian:"Батьки",student:"Учні",staff:"Працівники школи"};
let chatId=null;
const log=document.getElementById("log");
function bubble(cls){const d=document.createElement("div");d.className="msg "+cls;log.appendChild(d);return d;}
let nextId=1;
function render(m,into){
 const d=into??bubble("bot");
 if(into)into.textContent="";else d.dataset.id=String(nextId++);
 m.lines.forEach((line,i)=>{ if(i>0)d.appendChild(document.createTextNode("\n"));
  line.forEach(s=>{let el;
   if(s.kind==="b")el=document.createElement("b");else if(s.kind==="i")el=document.createElement("i");
   else if(s.kind==="code")el=document.createElement("code");
   else if(s.kind==="a"){el=document.createElement("a");el.href=s.url;el.target="_blank";}
   if(el){el.textContent=s.text;d.appendChild(el);}else d.appendChild(document.createTextNode(s.text));});});
 if(m.buttons.length){m.buttons.forEach(row=>{const kb=document.createElement("div");kb.className="kb";
  row.forEach(b=>{const btn=document.createElement("button");btn.textContent=b.label;btn.onclick=()=>send(null,b.data,b.label,d);kb.appendChild(btn);});
  d.appendChild(kb);});}
 log.scrollTop=log.scrollHeight;
}
async function send(text,data,label,on){
 if(!chatId)return;
 if(text!=null||!on)bubble("me").textContent=text??("▸ "+label);
 const messageId=on?on.dataset.id:null;
 const r=await fetch("/preview/api/send",{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify({chatId,text,data,messageId})});
 if(!r.ok){bubble("bot").textContent="Помилка: "+r.status;return;}
 const j=await r.json();
 if(j.notice){const n=document.createElement("div");n.className="notice";n.textContent=j.notice;log.appendChild(n);}
 if(j.replace)render(j.replace,on);
 j.replies.forEach(m=>render(m));
}
async function pick(p,btn){
 document.querySelectorAll("aside button").forEach(b=>b.classList.remove("on"));btn.classList.add("on");
 const r=await fetch("/preview/api/persona",{method:"POST",headers:{"Content-Type":"application/json"},body:JSON.stringify({kind:p.kind,id:p.id})});
 chatId=(await r.json()).chatId;log.textContent="";
 document.getElementById("who").textContent=p.name+" — "+p.note;
 send("/start",null);
}
(async()=>{
 const people=await (await fetch("/preview/api/people")).json();
 const aside=document.getElementById("people");
 ["guardian","student","staff"].forEach(k=>{const list=people.filter(p=>p.kind===k);if(!list.length)return;
  const h=document.createElement("h3");h.textContent=titles[k];aside.appendChild(h);
  list.forEach(p=>{const b=document.createElement("button");b.textContent=p.name;const s=document.createElement("small");
   s.textContent=" "+p.note;b.appendChild(document.createElement("br"));b.appendChild(s);b.onclick=()=>pick(p,b);aside.appendChild(b);});});
})();
document.getElementById("f").onsubmit=e=>{e.preventDefault();const t=document.getElementById("t");if(t.value.trim()){send(t.value,null);t.value="";}};
""";
}
